import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { projectIdOf, sendAgentTrace, sendScores, shotsAllThemesAndWidths, signIn } from "./helpers";

// The traces table's Scores column and its score filter (URL, chip, API).

test("the Scores column summarises each trace's scores and the filter narrows by one", async ({ page, request }) => {
  const run = randomUUID().slice(0, 8);
  const good = await sendAgentTrace(request, { name: `scored-good-${run}` });
  const poor = await sendAgentTrace(request, { name: `scored-poor-${run}` });
  await sendAgentTrace(request, { name: `unscored-${run}` });
  await sendScores(request, [
    { traceId: good.traceId, name: "quality", value: 0.9, dataType: "NUMERIC" },
    { traceId: good.traceId, observationId: good.generationId, name: "quality", value: 0.7, dataType: "NUMERIC" },
    { traceId: good.traceId, name: "verdict", value: "pass", dataType: "CATEGORICAL" },
    { traceId: good.traceId, name: "verdict", value: "pass", dataType: "CATEGORICAL" },
    { traceId: good.traceId, name: "verdict", value: "fail", dataType: "CATEGORICAL" },
    { traceId: good.traceId, name: "resolved", value: 1, dataType: "BOOLEAN" },
    { traceId: good.traceId, name: "<b>bold</b>", value: 1, dataType: "NUMERIC" },
    { traceId: poor.traceId, name: "quality", value: 0.2, dataType: "NUMERIC" },
    { traceId: poor.traceId, name: "verdict", value: "fail", dataType: "CATEGORICAL" },
  ]);
  await signIn(page);
  const base = page.url();
  const rows = page.getByTestId("trace-row");
  const goodBadges = rows.filter({ hasText: `scored-good-${run}` }).getByTestId("score-badges");
  await expect(async () => {
    await page.goto(`${base}?search=${run}`);
    await expect(goodBadges).toContainText("+2", { timeout: 5_000 }); // all four names stored
    await expect(rows.filter({ hasText: `scored-poor-${run}` }).getByTestId("score-badges")).toContainText("verdict", { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });

  // Names sort; two badges and a count; the average and the most common label; a tooltip says how.
  await expect(goodBadges).toHaveText("<b>bold</b>1quality0.8+2");
  await expect(goodBadges.getByText("quality")).toBeVisible();
  await expect(goodBadges.locator('[title^="quality"]')).toHaveAttribute("title", "quality: 0.8 (numeric, average of 2 scores)");
  // The other names are counted in "+2", their values in that badge's tooltip.
  await expect(goodBadges.getByText("+2")).toHaveAttribute(
    "title",
    "resolved: True (boolean, most common of 1)\nverdict: pass (categorical, most common of 3)",
  );
  await expect(goodBadges.locator("b")).toHaveCount(0);
  await expect(rows.filter({ hasText: `unscored-${run}` }).getByTestId("score-badges")).toHaveCount(0);

  // The filter: name, comparison and value, set together into the URL.
  await page.getByRole("button", { name: "Filters" }).click();
  await page.getByLabel("Score name").fill("quality");
  await page.getByLabel("Score comparison").selectOption("gte");
  await page.getByLabel("Score value").fill("0.5");
  await page.getByLabel("Score value").press("Enter");
  await expect(page).toHaveURL(/scoreName=quality&scoreOperator=gte&scoreValue=0.5/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`scored-good-${run}`);
  await expect(page.getByTestId("filter-chip")).toHaveText("Score:quality ≥ 0.5");
  await page.getByLabel("Score comparison").selectOption("lte");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`scored-poor-${run}`);
  await page.getByLabel("Score name").fill("verdict");
  await page.getByLabel("Score comparison").selectOption("eq");
  await page.getByLabel("Score value").fill("fail");
  await page.getByLabel("Score value").press("Enter");
  await expect(rows).toHaveCount(2);
  await shotsAllThemesAndWidths(page, "traces-scores");
  await page.reload();
  await expect(page.getByTestId("filter-chip")).toHaveText("Score:verdict = fail");
  await expect(rows).toHaveCount(2);
  await page.getByRole("button", { name: "Remove filter Score" }).click();
  await expect(page).not.toHaveURL(/score/);
  await expect(rows).toHaveCount(3);

  // The route checks the three keys together.
  const api = `/api/internal/projects/${projectIdOf(page)}/traces`;
  const partial = await page.request.get(`${api}?scoreName=quality`);
  expect(partial.status()).toBe(400);
  const notNumber = await page.request.get(`${api}?scoreName=quality&scoreOperator=gte&scoreValue=high`);
  expect((await notNumber.json()).invalid_params).toEqual([{ name: "scoreValue", reason: "scoreValue must be a number for >= and <=" }]);
  const ok = await page.request.get(`${api}?search=${run}&scoreName=resolved&scoreOperator=eq&scoreValue=True`);
  expect((await ok.json()).data.map((t: { id: string }) => t.id)).toEqual([good.traceId]);
});
