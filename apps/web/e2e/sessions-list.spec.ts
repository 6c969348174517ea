import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { basicAuth, sendAgentTrace, sendScores, shotsAllThemesAndWidths, signIn } from "./helpers";

// The sessions list as a support team uses it: find a conversation by part of its id, sort it, open it,
// come Back to the same view; session-level scores in the list and on the session page.

test("sessions: search, sort and page live in the URL, Back returns to the view, session scores show", async ({ page, request }) => {
  const tag = randomUUID().slice(0, 8);
  const sessions = [`${tag}-refund`, `${tag}-shipping`, `${tag}-login`];
  const traceIds: string[] = [];
  for (const [i, sessionId] of sessions.entries()) {
    const { traceId } = await sendAgentTrace(request, {
      name: `turn-${i}`,
      sessionId,
      userId: `user-${tag}-${i}`,
      startedAt: Date.now() - (i + 1) * 60_000,
    });
    traceIds.push(traceId);
  }
  await sendScores(request, [{ traceId: traceIds[0] as string, name: `turn-ok-${tag}`, value: 1, dataType: "NUMERIC" }]);
  // A session-level score (no trace): sent as the SDKs do, with the session id only.
  const res = await request.post("/api/public/scores", {
    headers: { authorization: basicAuth() },
    data: { sessionId: sessions[0], name: "resolved", value: 1, dataType: "NUMERIC" },
  });
  expect(res.status()).toBeLessThan(300);

  await signIn(page);
  const projectUrl = page.url().replace(/\/traces.*$/, "");
  await page.goto(`${projectUrl}/sessions`);
  await page.getByPlaceholder("Search session id").fill(tag);
  await expect(page).toHaveURL(new RegExp(`search=${tag}`));
  const rows = page.getByTestId("session-row");
  await expect(async () => {
    await page.reload();
    await expect(rows).toHaveCount(3, { timeout: 5000 });
    await expect(rows.filter({ hasText: "resolved" })).toHaveCount(1, { timeout: 5000 });
  }).toPass({ timeout: 60_000 });
  // Newest first by default; the whole "Started" header cell sorts, oldest first on the second click.
  await expect(rows.nth(0)).toContainText(sessions[0] as string);
  const started = page.getByRole("columnheader", { name: /Started/ });
  const box = await started.boundingBox();
  // A click at the cell's far corner, away from the label, sorts too.
  await started.click({ position: { x: (box?.width ?? 10) - 3, y: 3 } });
  await expect(page).toHaveURL(/sort=start/);
  await page.getByRole("columnheader", { name: /Started/ }).click();
  await expect(page).toHaveURL(/order=asc/);
  await expect(rows.nth(0)).toContainText(sessions[2] as string);
  await page.getByLabel("Rows per page").selectOption("20");
  await expect(page).toHaveURL(/limit=20/);
  await shotsAllThemesAndWidths(page, "sessions-list-filtered");
  const listUrl = page.url();

  await rows.filter({ hasText: sessions[0] as string }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessions[0]}$`));
  await expect(page.getByText("Session scores")).toBeVisible();
  await expect(page.getByTestId("score-badges").first()).toContainText("resolved");
  await expect(page.getByTestId("session-turn").getByTestId("score-badges")).toContainText(`turn-ok-${tag}`);
  await shotsAllThemesAndWidths(page, "session-with-scores");
  await page.goBack();
  await expect(page).toHaveURL(listUrl);
  await expect(rows.nth(0)).toContainText(sessions[2] as string);

  // Filters narrow by a trace attribute; an unknown one teaches how to clear.
  await page.goto(`${projectUrl}/sessions?search=${tag}&userId=user-${tag}-1`);
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText(sessions[1] as string);
  await page.goto(`${projectUrl}/sessions?search=${tag}&environment=nowhere`);
  await expect(page.getByText("No sessions match these filters")).toBeVisible();

  // Users: search and sort too.
  await page.goto(`${projectUrl}/users?search=user-${tag}`);
  await expect(page.getByTestId("user-row")).toHaveCount(3);
  await page.getByRole("columnheader", { name: /First seen/ }).click();
  await expect(page).toHaveURL(/sort=first/);
  await shotsAllThemesAndWidths(page, "users-list-filtered");
});
