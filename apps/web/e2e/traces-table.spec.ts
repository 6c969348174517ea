import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { e2eDatabase, projectIdOf, sendAgentTrace, shotsAllThemesAndWidths, signIn } from "./helpers";

// The traces and observations tables: filters, search, sort and paging in the URL, restored on reload.

const run = randomUUID().slice(0, 8);

test.describe("traces table", () => {
  const traces: Record<string, string> = {};

  test.beforeAll(async ({ request }) => {
    const now = Date.now();
    for (const [key, name, userId, agoMs] of [
      ["alpha", `alpha-${run}`, `ann-${run}`, 60_000],
      ["beta", `beta-${run}`, `bob-${run}`, 120_000],
      ["gamma", `gamma-${run}`, `ann-${run}`, 3 * 86_400_000],
    ] as const) {
      const { traceId } = await sendAgentTrace(request, {
        name,
        userId,
        startedAt: now - agoMs,
        input: { question: `question ${key} ${run}` },
      });
      traces[key] = traceId;
    }
  });

  test("filters, searches and sorts through the UI; the URL restores the view", async ({ page }) => {
    await signIn(page);
    const rows = page.getByTestId("trace-row");

    // `/` focuses search; the search covers names, ids, inputs and outputs.
    await page.keyboard.press("/");
    await expect(page.getByRole("searchbox", { name: "Search" })).toBeFocused();
    await page.keyboard.type(run);
    await expect(page).toHaveURL(new RegExp(`search=${run}`));
    await expect(rows).toHaveCount(3, { timeout: 30_000 });
    await expect(page.getByTestId("pager-label")).toContainText("3 traces");

    // Time range preset: the 3-day-old trace drops out.
    await page.getByRole("button", { name: "24h", exact: true }).click();
    await expect(page).toHaveURL(/range=24h/);
    await expect(rows).toHaveCount(2);

    // Sort by name (descending first click, then ascending).
    await page.getByRole("button", { name: "Name", exact: true }).click();
    await expect(page).toHaveURL(/sort=name/);
    await expect(rows.first()).toContainText(`beta-${run}`);
    await page.getByRole("button", { name: "Name", exact: true }).click();
    await expect(page).toHaveURL(/order=asc/);
    await expect(rows.first()).toContainText(`alpha-${run}`);

    // A field filter from the panel, shown as a chip.
    await page.getByRole("button", { name: "Filters" }).click();
    await page.getByRole("combobox", { name: "User", exact: true }).fill(`ann-${run}`);
    await page.getByRole("combobox", { name: "User", exact: true }).press("Enter");
    await expect(page).toHaveURL(new RegExp(`userId=ann-${run}`));
    await expect(rows).toHaveCount(1);
    await expect(page.getByTestId("filter-chip")).toContainText(`ann-${run}`);
    await page.getByRole("combobox", { name: "Level" }).selectOption("ERROR");
    await expect(rows).toHaveCount(0);
    await expect(page.getByText("No traces match these filters")).toBeVisible();
    await page.getByRole("button", { name: "Remove filter Level" }).click();
    await expect(rows).toHaveCount(1);
    await shotsAllThemesAndWidths(page, "traces-table-filters");

    // Reload: the same view comes back from the URL.
    await page.reload();
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(run);
    await expect(page.getByRole("button", { name: "24h", exact: true })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("filter-chip")).toContainText(`ann-${run}`);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(`alpha-${run}`);

    // j focuses the first row, Enter previews its trace, Enter again opens it.
    await page.getByRole("heading", { name: "Traces" }).click();
    await page.keyboard.press("j");
    await expect(rows.first()).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`peek=${traces.alpha}`));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/traces/${traces.alpha}$`));
  });

  test("columns can be hidden and rows made compact, remembered across reloads", async ({ page }) => {
    await signIn(page);
    await page.goto(`${page.url()}?search=${run}`);
    await expect(page.getByTestId("trace-row")).toHaveCount(3, { timeout: 30_000 });
    await expect(page.getByRole("columnheader", { name: "Session" })).toBeVisible();
    await page.getByRole("button", { name: "Columns" }).click();
    const rowHeight = () =>
      page
        .getByTestId("trace-row")
        .first()
        .evaluate((el) => el.getBoundingClientRect().height);
    const regular = await rowHeight();
    await page.getByRole("dialog", { name: "Columns" }).getByRole("checkbox", { name: "Session" }).uncheck();
    await page.getByRole("button", { name: "Compact" }).click();
    await page.reload();
    await expect(page.getByTestId("trace-row")).toHaveCount(3);
    await expect(page.getByRole("columnheader", { name: "Session" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Compact" })).toHaveAttribute("aria-pressed", "true");
    expect(await rowHeight()).toBeLessThan(regular);
  });

  test("a list past the count cap says 10,000+ and still pages to the end", async ({ page }) => {
    await signIn(page);
    const name = `bulk-${run}`;
    const db = e2eDatabase();
    // 10,005 traces written directly: this is about counting and paging, not ingestion.
    await db.query(
      `INSERT INTO "Trace" ("projectId", "id", "name", "timestamp", "environment", "updatedAt")
       SELECT $1, $2 || '-' || g, $2, now() - g * interval '1 second', 'default', now() FROM generate_series(1, 10005) g`,
      [projectIdOf(page), name],
    );
    try {
      const base = page.url().replace(/\/traces.*$/, "/traces");
      await page.goto(`${base}?name=${name}`);
      await expect(page.getByTestId("pager-label")).toHaveText("Page 1 of 200+ · 10,000+ traces");
      await expect(page.getByText("10,000+ traces", { exact: true }).first()).toBeVisible();
      await expect(page.getByRole("button", { name: "Next page" })).toBeEnabled();
      await page.goto(`${base}?name=${name}&page=201`);
      await expect(page.getByTestId("trace-row")).toHaveCount(5);
      await expect(page.getByTestId("pager-label")).toHaveText("Page 201 of 201 · 10,005 traces");
      await expect(page.getByRole("button", { name: "Next page" })).toBeDisabled();
    } finally {
      await db.query(`DELETE FROM "Trace" WHERE "projectId" = $1 AND "name" = $2`, [projectIdOf(page), name]);
      await db.end();
    }
  });

  test("an empty result teaches how to widen it", async ({ page }) => {
    await signIn(page);
    await page.goto(`${page.url()}?search=nothing-matches-${run}`);
    await expect(page.getByText("No traces match these filters")).toBeVisible();
    await shotsAllThemesAndWidths(page, "traces-table-empty");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).not.toHaveURL(/search=/);
  });

  test("bad filter input answers 400 with the reason", async ({ page }) => {
    await signIn(page);
    const projectId = /\/project\/([^/]+)\//.exec(page.url())?.[1];
    const res = await page.request.get(`/api/internal/projects/${projectId}/traces?latencyMin=fast&sort=input`);
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.title).toBe("Invalid request data");
    expect(body.invalid_params).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "latencyMin", reason: "latencyMin must be a number" }),
        expect.objectContaining({ name: "sort" }),
      ]),
    );
  });

  test("observations page lists generations, filters by URL and opens the trace", async ({ page }) => {
    await signIn(page);
    await page.getByRole("link", { name: "Observations" }).click();
    await expect(page.getByRole("heading", { name: "Observations" })).toBeVisible();
    await page.goto(`${page.url()}?traceId=${traces.beta}`);
    const rows = page.getByTestId("observation-row");
    await expect(rows).toHaveCount(1, { timeout: 30_000 });
    await expect(rows.first()).toContainText("gpt-4o");
    await expect(rows.first()).toContainText("answer");
    // Every type of the same trace (root span, retriever, generation, tool).
    await page.getByRole("button", { name: "Filters" }).click();
    await page.getByRole("combobox", { name: "Type" }).selectOption("ALL");
    await expect(rows).toHaveCount(4);
    await page.getByRole("button", { name: "Latency", exact: true }).click();
    await expect(page).toHaveURL(/sort=latency/);
    await expect(rows.first()).toContainText("handle-request");
    await shotsAllThemesAndWidths(page, "observations-table");
    await page.reload();
    await expect(rows).toHaveCount(4);
    await rows.first().getByRole("cell").nth(1).click(); // the first cell is the selection checkbox
    await expect(page).toHaveURL(new RegExp(`peek=${traces.beta}`));
  });
});
