import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { shotsAllThemesAndWidths, signIn } from "./helpers";

test("an admin reads the audit log, sees a change's diff, verifies the chain and exports", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  // Empty state first (as far as this project goes: a filter nothing matches if other specs wrote rows).
  await page.getByLabel("Action").selectOption("llmConnection.deleted");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText(/No (entries match these filters|audited changes yet)/)).toBeVisible();
  await shotsAllThemesAndWidths(page, "audit-log-empty");

  // Two audited changes: a key created and revoked on the API keys page.
  await page.getByRole("link", { name: "API keys" }).click();
  await page.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByTestId("new-api-key")).toBeVisible();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Revoke" }).first().click();
  await expect(page.getByText("revoked").first()).toBeVisible();

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.locator("tbody").getByText("apiKey.revoked").first()).toBeVisible();
  await page.locator("tbody").getByText("apiKey.created").first().click();
  await expect(page.getByText("displaySecretKey")).toBeVisible();
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByText(/Chain intact: \d+ rows verified/)).toBeVisible();
  await shotsAllThemesAndWidths(page, "audit-log-full");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV" }).click();
  const csv = await (await download).path();
  expect(readFileSync(csv, "utf8")).toMatch(/^id,createdAt,actorType/);
});
