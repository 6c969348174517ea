import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { sendAgentTrace, shot, shotsAllThemesAndWidths, signIn } from "./helpers";

// The traces table's tools: a filter that suggests existing values, saved views, and an export.

const run = randomUUID().slice(0, 8);
const names = [`suggest-${run}-alpha`, `suggest-${run}-beta`];

test.describe("table tools", () => {
  test.beforeAll(async ({ request }) => {
    for (const [i, name] of names.entries())
      await sendAgentTrace(request, {
        name,
        userId: `=cmd-${run}`,
        input: { question: `question ${i} ${run}` },
        startedAt: Date.now() - (i + 1) * 60_000,
      });
  });

  test("a filter suggests existing names and filters by the one picked", async ({ page }) => {
    await signIn(page);
    const rows = page.getByTestId("trace-row");
    // The traces are stored (the worker has merged them) before anything asks for suggestions.
    const base = page.url().replace(/\/traces.*$/, "/traces");
    await page.goto(`${base}?search=${run}`);
    await expect(rows).toHaveCount(2, { timeout: 30_000 });
    await page.goto(base);

    await page.getByRole("button", { name: "Filters" }).click();
    const box = page.getByRole("combobox", { name: "Name", exact: true });
    await box.fill(`SUGGEST-${run}`);
    const options = page.getByRole("listbox", { name: "Suggestions" }).getByRole("option");
    await expect(options).toHaveText(names.slice().sort());
    await page.screenshot({ path: shot("table-tools-suggestions-light-1440") });
    await box.press("ArrowDown");
    await box.press("ArrowDown");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    await box.press("Enter");
    await expect(page).toHaveURL(new RegExp(`name=${names[1]}`));
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(names[1] as string);
    await expect(page.getByTestId("filter-chip")).toContainText(names[1] as string);

    // A click picks too.
    await box.fill(`suggest-${run}-al`);
    await expect(options).toHaveText([names[0] as string]);
    await options.first().click();
    await expect(page).toHaveURL(new RegExp(`name=${names[0]}`));
    await expect(rows).toHaveCount(1);
  });

  test("a saved view comes back with its filters in the URL", async ({ page }) => {
    await signIn(page);
    const base = page.url().replace(/\/traces.*$/, "/traces");
    await page.goto(`${base}?search=${run}&range=24h&sort=name&order=asc`);
    await expect(page.getByTestId("trace-row")).toHaveCount(2, { timeout: 30_000 });
    const viewName = `Suggest ${run}`;

    await page.getByRole("button", { name: "Saved views" }).click();
    const panel = page.getByRole("dialog", { name: "Saved views" });
    await panel.getByPlaceholder("View name").fill(viewName);
    await panel.getByRole("button", { name: "Save view" }).click();
    await expect(panel.getByRole("button", { name: viewName, exact: true })).toBeVisible();
    await expect(page.getByTestId("saved-view-name")).toHaveText(viewName);
    await page.screenshot({ path: shot("table-tools-views-light-1440") });

    // Away from the view: the button no longer names it.
    await page.goto(base);
    await expect(page.getByTestId("saved-view-name")).toHaveText("Views");

    await page.getByRole("button", { name: "Saved views" }).click();
    await panel.getByRole("button", { name: viewName, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`search=${run}`));
    await expect(page).toHaveURL(/range=24h/);
    await expect(page).toHaveURL(/sort=name/);
    await expect(page.getByTestId("trace-row")).toHaveCount(2);
    await expect(page.getByTestId("trace-row").first()).toContainText(names[0] as string);
    await expect(page.getByTestId("saved-view-name")).toHaveText(viewName);

    // Delete it again (a MEMBER+ action; the e2e user owns the project).
    await page.getByRole("button", { name: "Saved views" }).click();
    await panel.getByRole("button", { name: `Delete view ${viewName}` }).click();
    await panel.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(panel.getByRole("button", { name: viewName, exact: true })).toHaveCount(0);
  });

  test("the export downloads the filtered list as CSV, formula text defused", async ({ page }) => {
    await signIn(page);
    const base = page.url().replace(/\/traces.*$/, "/traces");
    await page.goto(`${base}?search=${run}`);
    await expect(page.getByTestId("trace-row")).toHaveCount(2, { timeout: 30_000 });
    // The default columns fit 1440 px without a horizontal scrollbar, here and on the unfiltered list.
    const scrolls = () => page.getByTestId("data-table-scroll").evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(await scrolls()).toBe(false);
    await shotsAllThemesAndWidths(page, "traces-table-defaults");
    await page.goto(base);
    await expect(page.getByTestId("trace-row").first()).toBeVisible();
    expect(await scrolls()).toBe(false);
    await shotsAllThemesAndWidths(page, "traces-table-defaults-all");
    await page.goto(`${base}?search=${run}`);
    await page.getByRole("button", { name: "Export" }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^traces-[\d-]+\.csv$/);
    const text = fs.readFileSync((await download.path()) as string, "utf8");
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^id,timestamp,name,userId,/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(names[0]);
    expect(lines[2]).toContain(names[1]);
    // The user id starts with "=": a spreadsheet would run it, so it leaves with a leading apostrophe.
    expect(lines[1]).toContain(`"'=cmd-${run}"`);
  });
});
