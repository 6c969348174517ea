import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { basicAuth, sendAgentTrace, shot } from "./helpers";

test("a new visitor signs up, creates a project and an API key, and sees their first trace", async ({ page, request }) => {
  const email = `new-${randomUUID().slice(0, 8)}@example.com`;
  await page.goto("/");
  await expect(page).toHaveURL(/\/auth\/sign-in/);
  await page.getByRole("link", { name: "Create one" }).click();
  // Client-side navigation: wait for the sign-up form, or the fill lands in the old page.
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/onboarding/);
  await page.getByLabel("Organization").fill("Acme");
  await page.getByLabel("Project").fill("Support bot");
  await page.getByRole("button", { name: "Create project" }).click();

  await expect(page).toHaveURL(/\/settings\?welcome=1/);
  await page.getByRole("button", { name: "Create API key" }).click();
  await page.getByRole("dialog", { name: "Create a project API key" }).getByRole("button", { name: "Create key" }).click();
  const keys = await page.getByTestId("new-api-key").textContent();
  const secretKey = keys?.match(/sk-lf-[\w-]+/)?.[0];
  const publicKey = keys?.match(/pk-lf-[\w-]+/)?.[0];
  expect(secretKey && publicKey).toBeTruthy();
  await page.screenshot({ path: shot("api-keys") });

  await page.getByRole("link", { name: "Traces" }).click();
  await expect(page.getByText("No traces yet")).toBeVisible();
  await page.screenshot({ path: shot("traces-empty") });

  await sendAgentTrace(request, { name: "first-trace", auth: basicAuth(publicKey, secretKey) });
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("trace-row")).toHaveCount(1, { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByTestId("trace-row")).toContainText("first-trace");
});
