import { expect, test } from "@playwright/test";
import { sendAgentTrace, shot, signIn } from "./helpers";

test("an admin turns on PII masking and new traces arrive masked", async ({ page, request }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Data masking" }).click();
  await expect(page.getByRole("heading", { name: "Data masking" })).toBeVisible();
  // The help shows the regex as written (it once rendered "EMP-\d6": `{6}` was a JSX expression).
  await expect(page.getByTestId("pattern-help")).toContainText("EMP-\\d{6}");
  await page.getByLabel("Mask personal data at ingestion").check();
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByLabel("Rule name").last().fill("Employee id");
  await page.getByLabel("Pattern").last().fill("EMP-\\d{6}");
  await page.getByLabel("Replacement").last().fill("[EMPLOYEE]");
  await page.screenshot({ path: shot("masking-settings") });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  const { traceId } = await sendAgentTrace(request, { name: "masked", input: { note: "EMP-123456 wrote from jane@example.com" } });
  await expect(async () => {
    await page.goto(page.url().replace(/\/settings.*$/, `/traces/${traceId}`));
    await expect(page.getByTestId("payload-input")).toContainText("[EMPLOYEE] wrote from [EMAIL]", { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByTestId("payload-input")).not.toContainText("jane@example.com");

  // Leave the shared e2e project as other specs expect it.
  await page.goto(page.url().replace(/\/traces\/.*$/, "/settings/masking"));
  await page.getByLabel("Mask personal data at ingestion").uncheck();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
});

test("a masking rule RE2 cannot run is refused on save, with the reason shown", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Data masking" }).click();
  await page.getByRole("button", { name: "Add rule" }).click();
  // The new rule is the last row (an earlier spec may have left a saved rule).
  await page.getByLabel("Rule name").last().fill("Secret before colon");
  await page.getByLabel("Pattern").last().fill("secret(?=:)");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(
    page.getByText(
      /Rule \d+ \("Secret before colon"\): the pattern uses lookahead or lookbehind, which Loupe's linear-time regex engine \(RE2\) does not support/,
    ),
  ).toBeVisible();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: shot(`masking-re2-refused-${colorScheme}`) });
  }
  await page.reload();
  await expect(page.getByRole("heading", { name: "Data masking" })).toBeVisible();
  await expect(page.getByLabel("Rule name").last()).not.toHaveValue("Secret before colon");
});
