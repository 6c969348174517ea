import { expect, test } from "@playwright/test";
import { basicAuth, sendAgentTrace, shot, signIn } from "./helpers";

test("sign in, send a trace through the SDK API, find it and read its tree and cost", async ({ page, request }) => {
  await signIn(page);
  await page.screenshot({ path: shot("traces-list-initial") });

  const hostile = { question: '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>', link: "javascript:window.__xss=3" };
  const { traceId } = await sendAgentTrace(request, { name: "support-agent", input: hostile });

  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("trace-row").filter({ hasText: "support-agent" }).first()).toBeVisible({ timeout: 5000 });
  }).toPass({ timeout: 45_000 });
  await page.screenshot({ path: shot("traces-list") });

  // Open it by its name (user and session cells are links to those pages).
  await page.getByTestId("trace-row").locator(`a[href$="/traces/${traceId}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${traceId}`));
  await expect(page.getByRole("heading", { name: "support-agent" })).toBeVisible();
  const rows = page.getByTestId("tree-row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText("handle-request");
  await expect(rows.nth(1)).toContainText("search-orders");
  await expect(rows.nth(2)).toContainText("answer");
  await expect(rows.nth(3)).toContainText("lookup_order");
  // gpt-4o list price: 1,200 × $2.50/1M + 300 × $10/1M = $0.006
  await expect(page.getByTestId("trace-total-cost")).toHaveText("$0.006");

  // User content renders as text: the hostile input is visible and executed nothing.
  await expect(page.getByTestId("payload-input")).toContainText("<script>window.__xss=2</script>");
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await page.screenshot({ path: shot("trace-detail") });

  await rows.nth(2).click();
  await expect(page.getByTestId("observation-total-cost")).toHaveText("$0.006");
  await expect(page.getByTestId("payload-output")).toContainText("It ships tomorrow.");
  await page.screenshot({ path: shot("trace-generation") });

  await page.getByRole("button", { name: "Toggle dark theme" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.screenshot({ path: shot("trace-generation-dark") });
  await page.setViewportSize({ width: 800, height: 900 });
  await page.screenshot({ path: shot("trace-generation-narrow") });
});

test("an unknown trace shows a clear not-found state", async ({ page }) => {
  await signIn(page);
  const url = page.url().replace(/\/traces.*$/, "/traces/does-not-exist");
  await page.goto(url);
  await expect(page.getByText("Trace not found")).toBeVisible();
});

test("a trace opened while the SDK is still sending it fills in without a reload", async ({ page, request }) => {
  await signIn(page);
  const traceId = crypto.randomUUID();
  const now = new Date().toISOString();
  const send = (batch: unknown[]) =>
    request
      .post("/api/public/ingestion", { headers: { authorization: basicAuth() }, data: { batch } })
      .then((r) => expect(r.status()).toBe(207));
  const event = (type: string, body: Record<string, unknown>) => ({ id: crypto.randomUUID(), type, timestamp: now, body });
  await send([
    event("trace-create", { id: traceId, name: "still-arriving" }),
    event("span-create", { id: `${traceId}-1`, traceId, name: "first-step" }),
  ]);

  await page.goto(page.url().replace(/\/traces.*$/, `/traces/${traceId}`));
  await expect(page.getByTestId("tree-row").filter({ hasText: "first-step" })).toBeVisible({ timeout: 20_000 });
  await send([event("span-create", { id: `${traceId}-2`, traceId, name: "second-step", parentObservationId: `${traceId}-1` })]);
  // No reload: the open page polls a trace whose newest activity is recent.
  await expect(page.getByTestId("tree-row").filter({ hasText: "second-step" })).toBeVisible({ timeout: 20_000 });
});
