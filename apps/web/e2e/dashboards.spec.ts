import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { basicAuth, projectIdOf, signIn } from "./helpers";

// Dashboards from end to end: data sent through the public ingestion API shows in the home charts,
// a bar drills down to the traces table with the same filters, and a custom dashboard breaks a
// measure down by a metadata key. Screenshots go to /tmp/shots-dashboards (looked at, not asserted).

const SHOTS = process.env.DASHBOARD_SHOTS_DIR || "/tmp/shots-dashboards";
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

/** Three traces named `name`: generations on two models with a metadata tier, a tool call, an error, scores. */
async function sendDashboardData(request: APIRequestContext, name: string) {
  const batch: Record<string, unknown>[] = [];
  const ev = (type: string, body: Record<string, unknown>) =>
    batch.push({ id: randomUUID(), type, timestamp: new Date().toISOString(), body });
  const plan = [
    { user: "ann", model: "gpt-4o", tier: "gold", ms: 1200, error: false },
    { user: "bob", model: "gpt-4o-mini", tier: "basic", ms: 400, error: false },
    { user: "ann", model: "gpt-4o", tier: "gold", ms: 2500, error: true },
  ];
  for (const [i, p] of plan.entries()) {
    const traceId = randomUUID();
    const t0 = Date.now() - 60_000 * (i + 1);
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    ev("trace-create", {
      id: traceId,
      name,
      timestamp: at(0),
      userId: `${p.user}-${name}`,
      sessionId: `s-${name}`,
      tags: ["dash"],
      environment: "production",
    });
    const gen = randomUUID();
    ev("generation-create", {
      id: gen,
      traceId,
      name: "answer",
      model: p.model,
      startTime: at(0),
      completionStartTime: at(150),
      endTime: at(p.ms),
      usageDetails: { input: 1000 * (i + 1), output: 200 },
      metadata: { tier: p.tier },
      level: p.error ? "ERROR" : "DEFAULT",
    });
    ev("tool-create", { id: randomUUID(), traceId, parentObservationId: gen, name: "lookup_order", startTime: at(20), endTime: at(90) });
    ev("score-create", { id: randomUUID(), traceId, name: "quality", value: 0.5 + i / 4, dataType: "NUMERIC" });
    ev("score-create", { id: randomUUID(), traceId, name: "tone", value: i === 1 ? "rude" : "polite", dataType: "CATEGORICAL" });
  }
  const res = await request.post("/api/public/ingestion", { data: { batch }, headers: { authorization: basicAuth() } });
  expect(res.status()).toBe(207);
  expect((await res.json()).errors).toEqual([]);
}

/** The worker stores the batch a moment later; reload until the panel shows it. */
async function waitForNumber(page: Page, panel: string, text: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId(panel).getByTestId("big-number")).toHaveText(text, { timeout: 20_000 });
  }).toPass({ timeout: 90_000 });
}

test.describe("dashboards", () => {
  // A home page runs ~25 queries at once; on a loaded machine the first answers take a while.
  test.describe.configure({ timeout: 180_000 });
  test("home: ingested data fills the charts, a bar drills down to the filtered traces", async ({ page, request }) => {
    const name = `dash-${randomUUID().slice(0, 8)}`;
    await sendDashboardData(request, name);
    await signIn(page);
    const projectId = projectIdOf(page);
    await page.goto(`/project/${projectId}?range=24h&name=${name}`);
    await waitForNumber(page, "panel-traces-count", "3");

    // Every kind of panel drew from the data, formatted for people.
    await expect(page.getByTestId("panel-cost-total").getByTestId("big-number")).toHaveText(/^\$0\.0\d+/);
    await expect(page.getByTestId("panel-latency-by-model")).toContainText("gpt-4o-mini");
    await expect(page.getByTestId("panel-latency-by-model")).toContainText(/\d+(\.\d+)? s|\d+ ms/);
    await expect(page.getByTestId("panel-top-users")).toContainText(`ann-${name}`);
    await expect(
      page
        .getByTestId("panel-tool-usage")
        .getByRole("button", { name: /^lookup_order × \d+: \d · Error rate/ })
        .first(),
    ).toBeVisible();
    await expect(page.getByTestId("panel-categorical-scores").getByRole("button", { name: /tone × rude: 1/ })).toBeVisible();
    await expect(page.getByTestId("panel-traces-over-time").locator(".recharts-bar-rectangle path").first()).toBeVisible();

    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, "home-full-light-1440");
    await page.setViewportSize({ width: 800, height: 900 });
    await shot(page, "home-full-light-800");
    await page.emulateMedia({ colorScheme: "dark" });
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, "home-full-dark-1440");
    await page.emulateMedia({ colorScheme: "light" });

    // A series of a multi-series legend toggles off and on.
    const legend = page.getByTestId("panel-tokens-over-time").getByRole("button", { name: "Output tokens", exact: true });
    await legend.click();
    await expect(legend).toHaveAttribute("aria-pressed", "false");
    await legend.click();
    await expect(legend).toHaveAttribute("aria-pressed", "true");

    // Drill down: the bar of the traces-over-time chart opens the traces table on that bucket with the same filter.
    await page.getByTestId("panel-traces-over-time").locator(".recharts-bar-rectangle path").last().click();
    await expect(page).toHaveURL(new RegExp(`/project/${projectId}/traces\\?.*from=.*&to=.*name=${name}`));
    await expect(page.getByTestId("trace-row").first()).toBeVisible();
    const rows = await page.getByTestId("trace-row").count();
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(3);
    for (const text of await page.getByTestId("trace-row").allTextContents()) expect(text).toContain(name);
  });

  test("home: an empty range says what fills each panel", async ({ page }) => {
    await signIn(page);
    const projectId = projectIdOf(page);
    await page.goto(`/project/${projectId}?range=1h&name=nothing-${randomUUID().slice(0, 8)}`);
    await expect(page.getByTestId("panel-traces-count").getByTestId("big-number")).toHaveText("0");
    await expect(page.getByTestId("panel-cost-by-model")).toContainText("No data in this range");
    await expect(page.getByTestId("panel-tool-usage")).toContainText("Observations of type TOOL");
    await shot(page, "home-empty-light-1440");
    await page.emulateMedia({ colorScheme: "dark" });
    await shot(page, "home-empty-dark-1440");
    await page.emulateMedia({ colorScheme: "light" });
  });

  test("custom dashboard: a widget broken down by a metadata key, saved, duplicated and deleted", async ({ page, request }) => {
    const name = `dash-${randomUUID().slice(0, 8)}`;
    await sendDashboardData(request, name);
    await signIn(page);
    const projectId = projectIdOf(page);
    await page.goto(`/project/${projectId}/dashboards`);
    await page.getByLabel("New dashboard name").fill(`Tiers ${name}`);
    await page.getByRole("button", { name: "Create dashboard" }).click();
    await expect(page).toHaveURL(new RegExp(`/project/${projectId}/dashboards/[^/?]+`));
    await expect(page.getByText("No widgets yet")).toBeVisible();
    await page.goto(`${page.url()}?range=24h&name=${name}`);

    await page.getByRole("button", { name: "Add widget" }).click();
    const editor = page.getByRole("dialog", { name: "Add widget" });
    await editor.getByRole("textbox", { name: "Name", exact: true }).fill("Cost by tier");
    await editor.getByRole("combobox", { name: "Measure" }).selectOption("totalCost");
    await editor.getByRole("combobox", { name: "Aggregation" }).selectOption("sum");
    await editor.getByRole("combobox", { name: "Chart" }).selectOption("PIVOT_TABLE");
    await editor.getByRole("combobox", { name: "Rows", exact: true }).selectOption("metadata");
    await editor.getByLabel("Rows metadata key").fill("tier");
    await editor.getByRole("combobox", { name: "Columns", exact: true }).selectOption("providedModelName");
    // The live preview runs the query: both tiers with their costs.
    const preview = editor.getByTestId("widget-preview");
    await expect(preview).toContainText("gold", { timeout: 30_000 });
    await expect(preview).toContainText("basic");
    await expect(preview).toContainText(/\$0\.\d+/);
    await editor.getByRole("combobox", { name: "Chart" }).selectOption("HORIZONTAL_BAR");
    await expect(preview.locator(".recharts-bar-rectangle path")).toHaveCount(2);
    await shot(page, "widget-editor-light-1440");
    await editor.getByRole("button", { name: "Save widget" }).click();
    await expect(editor).toBeHidden();

    const card = page.getByTestId("widget-card");
    await expect(card).toContainText("Cost by tier");
    await expect(card.locator(".recharts-bar-rectangle path")).toHaveCount(2);
    await page.reload();
    await expect(page.getByTestId("widget-card").locator(".recharts-bar-rectangle path")).toHaveCount(2);
    await shot(page, "custom-dashboard-light-1440");
    await page.emulateMedia({ colorScheme: "dark" });
    await shot(page, "custom-dashboard-dark-1440");
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 800, height: 900 });
    await shot(page, "custom-dashboard-light-800");
    await page.setViewportSize({ width: 1440, height: 900 });

    // Duplicate, then delete the copy, from the list.
    await page.goto(`/project/${projectId}/dashboards`);
    await page.getByRole("button", { name: `Duplicate Tiers ${name}` }).click();
    await expect(page.getByRole("link", { name: `Tiers ${name} (copy)` })).toBeVisible();
    page.once("dialog", (d) => d.accept());
    await page.getByRole("button", { name: `Delete Tiers ${name} (copy)` }).click();
    await expect(page.getByRole("link", { name: `Tiers ${name} (copy)` })).toBeHidden();
    await expect(page.getByRole("link", { name: `Tiers ${name}`, exact: true })).toBeVisible();
  });
});
