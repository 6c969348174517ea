import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startWebhookReceiver, type WebhookReceiver } from "../../../packages/testing/src/index";
import { basicAuth, createProjectUser, e2eDatabase, projectIdOf, shotsAllThemesAndWidths, signIn } from "./helpers";

// An admin adds a webhook in settings pointing at a receiver on loopback, copies the secret shown
// once, sends a test event, changes a prompt through the public API and watches the deliveries
// arrive (signed), a failing receiver being retried, and a redelivery. A member is kept out.

let receiver: WebhookReceiver;
const db = e2eDatabase();

test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
  await db.query(`DELETE FROM "Webhook" WHERE "projectId" IN (SELECT "id" FROM "Project" WHERE "name" = 'E2E Project')`);
});
test.afterAll(async () => {
  await receiver.close();
  await db.end();
});

const signatureOk = (secret: string, header: string, raw: string) => {
  const { t, v1 } = Object.fromEntries(header.split(",").map((p) => p.split("="))) as { t: string; v1: string };
  return createHmac("sha256", secret).update(`${t}.${raw}`).digest("hex") === v1;
};

test("create a webhook in settings, send a test event, see signed prompt deliveries, a retry and a redelivery", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const projectId = projectIdOf(page);
  await page.getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(`/project/${projectId}/settings/webhooks`);
  await expect(page.getByText("No webhooks yet")).toBeVisible();
  await shotsAllThemesAndWidths(page, "webhooks-empty");

  await page.getByRole("button", { name: "Add webhook" }).click();
  const form = page.getByRole("form", { name: "New webhook" });
  await form.getByLabel("Name").fill("Release bot");
  await form.getByLabel("URL").fill("http://169.254.169.254/latest");
  await form.getByRole("button", { name: "Add webhook" }).click();
  await expect(form.getByRole("alert")).toContainText("Invalid url: 169.254.169.254 is a link-local, metadata or reserved address");
  await shotsAllThemesAndWidths(page, "webhooks-form-error");
  await form.getByLabel("URL").fill(receiver.url);
  await form.getByRole("button", { name: "Add webhook" }).click();

  const secret = (await page.getByTestId("new-webhook-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^whsec_/);
  await expect(page.getByTestId("webhook-row")).toContainText("Release bot");
  await expect(page.getByText("No deliveries yet")).toBeVisible();

  await page.getByTestId("webhook-row").getByRole("button", { name: "Send test event" }).click();
  const rows = page.getByTestId("webhook-delivery-row");
  await expect(rows.first()).toContainText("succeeded", { timeout: 20_000 });
  await expect(rows.first()).toContainText("ping");
  await expect(rows.first()).toContainText("200");
  const ping = receiver.received.at(-1);
  expect(signatureOk(secret, String(ping?.headers["x-loupe-signature"]), ping?.rawBody ?? "")).toBe(true);

  // A prompt change from an app: the delivery shows up in the log.
  const name = `webhooks/e2e-${Date.now()}`;
  const create = (prompt: string) =>
    page.request.post("/api/public/v2/prompts", {
      headers: { authorization: basicAuth() },
      data: { name, type: "text", prompt, labels: [] },
    });
  expect((await create("v1")).status()).toBe(201);
  await expect(rows.filter({ hasText: "prompt.version.created" }).first()).toContainText("succeeded", { timeout: 20_000 });
  expect(JSON.parse(receiver.received.at(-1)?.rawBody ?? "{}")).toMatchObject({ type: "prompt.version.created", data: { name } });

  // The receiver breaks: the next delivery is retried with backoff and the log says why.
  receiver.alwaysAnswer(500);
  expect((await create("v2")).status()).toBe(201);
  const failing = rows.filter({ hasText: "prompt.version.created" }).first();
  await expect(failing).toContainText("retrying", { timeout: 20_000 });
  await expect(failing).toContainText("Answered 500: receiver says 500");
  await expect(failing).toContainText("1 / 8");
  await failing.getByRole("button", { name: "Show the event" }).click();
  await expect(page.getByText(`"name": "${name}"`).first()).toBeVisible();
  await shotsAllThemesAndWidths(page, "webhooks-full");

  // Fixed: the next retry goes through (5 s after the first attempt, or 10 s after the second if the
  // screenshots took that long).
  receiver.reset();
  await expect(failing).toContainText("succeeded", { timeout: 30_000 });
  await expect(failing).toContainText(/[23] \/ 8/);

  await rows.filter({ hasText: "ping" }).first().getByRole("button", { name: "Redeliver" }).click();
  await expect(rows.filter({ hasText: "(redelivery)" })).toContainText("succeeded", { timeout: 20_000 });
});

test("a member cannot see or change webhooks", async ({ page }) => {
  const member = await createProjectUser(db, "MEMBER");
  await signIn(page, member);
  const projectId = projectIdOf(page);
  await page.goto(`/project/${projectId}/settings/webhooks`);
  await expect(page.getByText("Only project admins manage webhooks")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add webhook" })).toHaveCount(0);
  const list = await page.request.get(`/api/internal/projects/${projectId}/webhooks`);
  expect(list.status()).toBe(403);
});
