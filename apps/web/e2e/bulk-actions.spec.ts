import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { basicAuth, e2eDatabase, projectIdOf, sendAgentTrace, shotsAllThemesAndWidths, signIn } from "./helpers";

// The traces table's bulk actions (row checkboxes, `x`, "select all matching", add to queue, delete
// with confirmation), model prices in settings, and error states that offer a retry only where one
// can help. The signed-in e2e user is the project's OWNER.

const db = e2eDatabase();
test.afterAll(async () => {
  await db.end();
});

const api = { authorization: basicAuth() };

/** Sends `count` traces named `name` and waits for the filtered table to list them (`onPage` rows on its first page). */
async function tracesNamed(
  page: Page,
  request: Parameters<typeof sendAgentTrace>[0],
  name: string,
  count: number,
  { query = "", onPage = count }: { query?: string; onPage?: number } = {},
) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await sendAgentTrace(request, { name, startedAt: Date.now() - (i + 1) * 1000 })).traceId);
  const url = `/project/${projectIdOf(page)}/traces?name=${name}${query}`;
  await expect(async () => {
    await page.goto(url);
    await expect(page.getByTestId("trace-row")).toHaveCount(onPage, { timeout: 5_000 });
    await expect(page.getByText(`${count} traces`).first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
  return ids;
}

test("ticked traces go to an annotation queue and appear in it", async ({ page, request }) => {
  const tag = randomUUID().slice(0, 8);
  await signIn(page);
  const config = await request.post("/api/public/score-configs", {
    headers: api,
    data: { name: `bulk-ok-${tag}`, dataType: "BOOLEAN" },
  });
  expect(config.status()).toBe(200);
  const queue = await (
    await request.post("/api/public/annotation-queues", {
      headers: api,
      data: { name: `Bulk review ${tag}`, scoreConfigIds: [(await config.json()).id] },
    })
  ).json();
  const ids = await tracesNamed(page, request, `bulk-queue-${tag}`, 3);

  const boxes = page.getByRole("checkbox", { name: "Select trace" });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const bar = page.getByTestId("bulk-bar");
  await expect(bar.getByRole("status").first()).toHaveText("2 selected");
  // `x` ticks the focused row and unticks it again.
  await page.getByTestId("trace-row").nth(2).focus();
  await page.keyboard.press("x");
  await expect(bar.getByRole("status").first()).toHaveText("3 selected");
  await page.keyboard.press("x");
  await expect(bar.getByRole("status").first()).toHaveText("2 selected");
  await shotsAllThemesAndWidths(page, "bulk-bar");

  await bar.getByRole("button", { name: "Add to annotation queue" }).click();
  await page.getByTestId("add-to-queue").getByRole("button", { name: queue.name }).click();
  await expect(page.getByTestId("add-to-queue")).toContainText("+2");

  await page.goto(`/project/${projectIdOf(page)}/annotation-queues/${queue.id}`);
  await expect(page.getByTestId("queue-item-row")).toHaveCount(2);
  const queued = await db.query<{ objectId: string }>(`SELECT "objectId" FROM "AnnotationQueueItem" WHERE "queueId" = $1`, [queue.id]);
  expect(queued.rows.map((r) => r.objectId).sort()).toEqual(ids.slice(0, 2).sort());
});

test("all traces matching a filter are deleted after a confirmation with the count", async ({ page, request }) => {
  const tag = randomUUID().slice(0, 8);
  await signIn(page);
  // Pages of 2: "select all matching" reaches the third trace, which no page shows with the first two.
  const ids = await tracesNamed(page, request, `bulk-delete-${tag}`, 3, { query: "&limit=2", onPage: 2 });
  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  const bar = page.getByTestId("bulk-bar");
  await expect(bar.getByRole("status").first()).toHaveText("2 selected");
  await bar.getByRole("button", { name: "Select all 3 traces matching" }).click();
  await expect(bar.getByRole("status").first()).toHaveText("All 3 traces matching selected");

  await bar.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete traces" });
  await expect(dialog).toContainText("Delete all 3 traces matching the filter?");
  await shotsAllThemesAndWidths(page, "bulk-delete-confirm");
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText("Deleting 3 traces");
  await dialog.getByRole("button", { name: "Done" }).click();
  // Gone from the table at once; the worker removes the rows a moment later.
  await expect(page.getByText("No traces match these filters")).toBeVisible();
  await expect(page.getByTestId("bulk-bar")).toBeHidden();
  await expect(async () => {
    const left = await db.query(`SELECT count(*)::int AS n FROM "Trace" WHERE "id" = ANY($1::text[])`, [ids]);
    expect(left.rows[0].n).toBe(0);
  }).toPass({ timeout: 45_000 });
  const observations = await db.query(`SELECT count(*)::int AS n FROM "Observation" WHERE "traceId" = ANY($1::text[])`, [ids]);
  expect(observations.rows[0].n).toBe(0);
});

test("an admin adds a model price, tests a name against it, and a pattern RE2 refuses is explained", async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  await signIn(page);
  await page.getByRole("link", { name: "Model prices" }).click();
  await expect(page.getByRole("heading", { name: "Model prices" })).toBeVisible();
  await expect(page.getByTestId("model-row").filter({ hasText: "gpt-4o-mini" }).first()).toContainText("built-in");

  await page.getByRole("button", { name: "Add model" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a model" });
  await dialog.getByLabel("Model name").fill(`acme-${tag}`);
  await dialog.getByLabel("Match pattern").fill(`(?i)^acme-${tag}(?=-v2)`);
  await dialog.getByLabel("Price of input").fill("0.0000025");
  await dialog.getByLabel("Price of output").fill("0.00001");
  await expect(dialog).toContainText("$2.50 / 1M");
  await dialog.getByRole("button", { name: "Add model" }).click();
  await expect(dialog.getByRole("alert")).toContainText(
    "lookahead or lookbehind, which Loupe's linear-time regex engine (RE2) does not support",
  );
  await shotsAllThemesAndWidths(page, "model-price-refused");

  await dialog.getByLabel("Match pattern").fill(`(?i)^(acme/)?acme-${tag}(-v\\d+)?$`);
  await dialog.getByRole("button", { name: "Add model" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("model-row").filter({ hasText: `acme-${tag}` });
  await expect(row).toContainText("project");
  await expect(row).toContainText("$2.50 / 1M");

  await page.getByLabel("Test a model name").fill(`ACME/acme-${tag}-v2`);
  await expect(page.getByTestId("model-match")).toContainText(`Matches acme-${tag}`);
  await expect(page.getByTestId("model-match")).toContainText("$10.00 / 1M");
  await shotsAllThemesAndWidths(page, "model-prices");
  await page.getByLabel("Test a model name").fill(`acme-${tag}-large`);
  await expect(page.getByTestId("model-match")).toContainText("No model matches");

  await row.getByRole("button", { name: `Delete acme-${tag}` }).click();
  await page
    .getByRole("dialog", { name: `Delete acme-${tag}` })
    .getByRole("button", { name: "Delete model" })
    .click();
  await expect(row).toHaveCount(0);
});

test("a failed list offers 'Try again' only when trying again can help", async ({ page }) => {
  await signIn(page);
  const list = /\/api\/internal\/projects\/[^/]+\/traces\?/;
  let status = 400;
  await page.route(list, (route) =>
    route.fulfill({ status, contentType: "application/problem+json", json: { title: `The filter is invalid (${status})`, status } }),
  );
  await page.reload();
  await expect(page.getByText("The filter is invalid (400)")).toBeVisible();
  await expect(page.getByRole("button", { name: "Try again" })).toHaveCount(0);
  status = 503;
  await page.reload();
  // A 5xx is retried twice in the background (react-query) before the error state shows.
  await expect(page.getByText("The filter is invalid (503)")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
});
