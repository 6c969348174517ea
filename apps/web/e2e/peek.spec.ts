import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { sendAgentTrace, shotsAllThemesAndWidths, signIn } from "./helpers";

// The preview ("peek") panel of the traces and observations tables, the selected observation in the
// URL, and the `?` shortcuts dialog.

const run = randomUUID().slice(0, 8);
const name = (n: string) => `peek-${n}-${run}`;

/** The project's traces URL (sign-in lands there). */
const tracesUrl = (page: Page) => page.url().replace(/\/traces.*$/, "/traces");

test.describe("preview panel", () => {
  // Newest first, as the table lists them.
  const traces: { traceId: string; generationId: string }[] = [];

  test.beforeAll(async ({ request }) => {
    for (const [i, n] of ["first", "second", "third"].entries()) {
      traces.unshift(await sendAgentTrace(request, { name: name(n), startedAt: Date.now() - (10 - i) * 60_000 }));
    }
  });

  test("a row opens its trace beside the list; j/k move it, the URL shares it, Esc closes it", async ({ page }) => {
    const [third, second, first] = traces as [(typeof traces)[0], (typeof traces)[0], (typeof traces)[0]];
    await signIn(page);
    await page.goto(`${tracesUrl(page)}?search=${run}`);
    const rows = page.getByTestId("trace-row");
    await expect(rows).toHaveCount(3, { timeout: 30_000 });

    // A click on the row (not on its links) opens the preview, which loads the next row's trace ahead.
    const nextLoaded = page.waitForResponse((r) => r.url().endsWith(`/traces/${second.traceId}`) && r.ok());
    await rows.nth(0).getByRole("cell").nth(1).click(); // the first cell is the selection checkbox
    await nextLoaded;
    await expect(page).toHaveURL(new RegExp(`peek=${third.traceId}`));
    const peek = page.getByRole("complementary", { name: "Trace preview" });
    await expect(peek.getByRole("heading", { name: name("third") })).toBeVisible();
    await expect(peek.getByTestId("tree-row")).toHaveCount(4);
    await expect(rows.nth(0)).toHaveAttribute("aria-selected", "true");
    expect((await page.getByTestId("filter-bar").boundingBox())?.width).toBeLessThan(800);

    // j/k and the arrow keys move the selection, and the preview follows it.
    await page.keyboard.press("j");
    await expect(page).toHaveURL(new RegExp(`peek=${second.traceId}`));
    await expect(peek.getByRole("heading", { name: name("second") })).toBeVisible();
    await expect(rows.nth(1)).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowDown");
    await expect(peek.getByRole("heading", { name: name("first") })).toBeVisible();
    await page.keyboard.press("k");
    await expect(peek.getByRole("heading", { name: name("second") })).toBeVisible();

    // A node selected in the preview is part of the link, restored on load.
    await peek.getByTestId("tree-row").filter({ hasText: "answer" }).click();
    await expect(page).toHaveURL(new RegExp(`observation=${second.generationId}`));
    await expect(peek.getByTestId("payload-output")).toContainText("It ships tomorrow.");
    await shotsAllThemesAndWidths(page, "traces-peek");
    await page.reload();
    await expect(peek.getByTestId("tree-row").filter({ hasText: "answer" })).toHaveAttribute("aria-selected", "true");
    await expect(rows.nth(1)).toHaveAttribute("aria-selected", "true");

    // `?` lists the keys of this page; Escape closes the dialog first, then the preview.
    await page.keyboard.press("?");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(dialog).toBeVisible();
    for (const text of ["Focus the search", "Next row", "Previous row", "Preview the focused row", "Close the preview"]) {
      await expect(dialog.getByTestId("shortcut").filter({ hasText: text })).toBeVisible();
    }
    await shotsAllThemesAndWidths(page, "shortcuts-dialog");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(peek).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(peek).toHaveCount(0);
    await expect(page).not.toHaveURL(/peek=/);
    // The list takes the whole width again.
    expect((await page.getByTestId("filter-bar").boundingBox())?.width).toBeGreaterThan(1100);

    // Enter previews the focused row; Enter again opens its page.
    await page.keyboard.press("j");
    await expect(rows.nth(0)).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`peek=${third.traceId}`));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/traces/${third.traceId}$`));
    await expect(page.getByRole("heading", { level: 1, name: name("third") })).toBeVisible();

    // Back returns to the list with the preview; its button opens the full page at the selected node.
    await page.goBack();
    await expect(peek.getByRole("heading", { name: name("third") })).toBeVisible();
    await peek.getByTestId("tree-row").filter({ hasText: "answer" }).click();
    await peek.getByRole("link", { name: "Open trace" }).click();
    await expect(page).toHaveURL(new RegExp(`/traces/${third.traceId}\\?observation=${third.generationId}$`));
    await expect(page.getByTestId("tree-row").filter({ hasText: "answer" })).toHaveAttribute("aria-selected", "true");

    // The name link still goes straight to the trace page.
    await page.goto(`${tracesUrl(page)}?search=${run}`);
    await rows
      .filter({ hasText: name("first") })
      .getByRole("link", { name: name("first") })
      .click();
    await expect(page).toHaveURL(new RegExp(`/traces/${first.traceId}$`));
  });

  test("the preview is resized by its separator and keeps its width after a reload", async ({ page }) => {
    await signIn(page);
    const [third] = traces as [(typeof traces)[0]];
    await page.goto(`${tracesUrl(page)}?search=${run}&peek=${third.traceId}`);
    const peek = page.getByRole("complementary", { name: "Trace preview" });
    await expect(peek.getByRole("heading", { name: name("third") })).toBeVisible({ timeout: 30_000 });
    const width = async () => (await peek.boundingBox())?.width ?? 0;
    const before = await width();
    const separator = await page.getByRole("separator", { name: "Resize the preview" }).boundingBox();
    const [x, y] = [(separator?.x ?? 0) + 1, (separator?.y ?? 0) + 300];
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x - 150, y, { steps: 6 });
    await page.mouse.up();
    const after = await width();
    expect(after - before).toBeGreaterThan(120);
    await page.reload();
    await expect(peek.getByRole("heading", { name: name("third") })).toBeVisible();
    expect(Math.abs((await width()) - after)).toBeLessThan(16);
  });

  test("on a narrow window the preview overlays the list", async ({ page }) => {
    await signIn(page);
    await page.setViewportSize({ width: 800, height: 900 });
    const [third] = traces as [(typeof traces)[0]];
    await page.goto(`${tracesUrl(page)}?search=${run}&peek=${third.traceId}`);
    const peek = page.getByRole("complementary", { name: "Trace preview" });
    await expect(peek.getByRole("heading", { name: name("third") })).toBeVisible({ timeout: 30_000 });
    const box = await peek.boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(56); // right of the collapsed sidebar
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(800);
    await peek.getByRole("button", { name: "Close preview" }).click();
    await expect(peek).toHaveCount(0);
  });

  test("an observation row previews its trace with that observation selected", async ({ page }) => {
    const [third] = traces as [(typeof traces)[0]];
    await signIn(page);
    await page.goto(`${tracesUrl(page).replace(/\/traces$/, "/observations")}?traceId=${third.traceId}`);
    const rows = page.getByTestId("observation-row");
    await expect(rows).toHaveCount(1, { timeout: 30_000 });
    await rows.first().getByRole("cell").nth(1).click(); // the first cell is the selection checkbox
    await expect(page).toHaveURL(new RegExp(`peek=${third.traceId}&observation=${third.generationId}`));
    const peek = page.getByRole("complementary", { name: "Trace preview" });
    await expect(peek.getByTestId("tree-row").filter({ hasText: "answer" })).toHaveAttribute("aria-selected", "true");
    await expect(peek.getByTestId("payload-output")).toContainText("It ships tomorrow.");
    await expect(rows.first()).toHaveAttribute("aria-selected", "true");
    await shotsAllThemesAndWidths(page, "observations-peek");
  });
});

test("the trace page keeps the selected node in the URL through reload, back and forward", async ({ page, request }) => {
  const { traceId, generationId } = await sendAgentTrace(request, { name: name("page") });
  await signIn(page);
  const traceUrl = `${tracesUrl(page)}/${traceId}`;
  await expect(async () => {
    await page.goto(traceUrl);
    await expect(page.getByRole("heading", { level: 1, name: name("page") })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 45_000 });

  const row = (text: string) => page.getByTestId("tree-row").filter({ hasText: text });
  await row("answer").click();
  await expect(page).toHaveURL(new RegExp(`\\?observation=${generationId}$`));
  await expect(page.getByRole("heading", { level: 2, name: "answer" })).toBeVisible();
  await row("lookup_order").click();
  await expect(row("lookup_order")).toHaveAttribute("aria-selected", "true");
  await expect(page).not.toHaveURL(new RegExp(generationId));

  await page.goBack();
  await expect(row("answer")).toHaveAttribute("aria-selected", "true");
  await expect(page).toHaveURL(new RegExp(`observation=${generationId}`));
  await page.goForward();
  await expect(row("lookup_order")).toHaveAttribute("aria-selected", "true");
  await page.reload();
  await expect(row("lookup_order")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("heading", { level: 2, name: "lookup_order" })).toBeVisible();

  // j/k walk the tree on the trace page; a link to a node opens there.
  await page.keyboard.press("k");
  await expect(row("answer")).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("t");
  await expect(page.getByRole("button", { name: "Timeline" })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("t");
  await page.goto(`${traceUrl}?observation=${generationId}`);
  await expect(row("answer")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("payload-output")).toContainText("It ships tomorrow.");
  await shotsAllThemesAndWidths(page, "trace-selected-node");

  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  for (const text of ["Next observation", "Switch between tree and timeline", "Show keyboard shortcuts"]) {
    await expect(dialog.getByTestId("shortcut").filter({ hasText: text })).toBeVisible();
  }
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  // The sidebar button opens it too.
  await page.goto(tracesUrl(page));
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});
