import { expect, test } from "@playwright/test";
import { createProjectUser, e2eDatabase, fromLoupePage, projectIdOf, sendAgentTrace, signIn } from "./helpers";

// Roles are enforced by the server: a viewer of the project reads traces, and gets 403 from the
// score and share endpoints that a member may use. The UI hides those controls from the viewer.

const db = e2eDatabase();
test.afterAll(async () => {
  await db.end();
});

/** A user who is a MEMBER of the organization but only a VIEWER of its project (the project role wins). */
const createViewer = () => createProjectUser(db, "VIEWER");

test("a viewer reads traces but the server refuses their scores and shares; the UI hides both", async ({ page, request, browser }) => {
  const viewer = await createViewer();
  const { traceId, generationId } = await sendAgentTrace(request, { name: "viewer-visible" });
  await signIn(page, viewer);
  expect(projectIdOf(page)).toBe(viewer.projectId);

  const traceUrl = `/project/${viewer.projectId}/traces/${traceId}`;
  await expect(async () => {
    await page.goto(traceUrl);
    await expect(page.getByRole("heading", { level: 1, name: "viewer-visible" })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByTestId("scores-panel")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add score" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Share" })).toHaveCount(0);
  await page.getByTestId("tree-row").filter({ hasText: "answer" }).click();
  await expect(page.getByTestId("payload-output")).toContainText("It ships tomorrow.");
  await expect(page.getByRole("button", { name: "Add score" })).toHaveCount(0);
  // The preview on the traces page hides them too.
  await page.goto(`/project/${viewer.projectId}/traces?peek=${traceId}`);
  await expect(page.getByRole("complementary", { name: "Trace preview" }).getByTestId("scores-panel")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add score" })).toHaveCount(0);

  // Over HTTP with the viewer's session: reads answer, writes are 403.
  const api = `/api/internal/projects/${viewer.projectId}`;
  const score = { traceId, observationId: generationId, name: "helpfulness", dataType: "NUMERIC", value: 1 };
  expect((await page.request.get(`${api}/traces/${traceId}`)).status()).toBe(200);
  const denied = await page.request.post(`${api}/scores`, { data: score, headers: fromLoupePage });
  expect(denied.status()).toBe(403);
  expect((await denied.json()).title).toBe(
    "Your role VIEWER may not do this (annotate); it needs one of: OWNER, ADMIN, MEMBER, ANNOTATOR.",
  );
  expect((await page.request.patch(`${api}/traces/${traceId}`, { data: { public: true }, headers: fromLoupePage })).status()).toBe(403);

  // The same requests from the admin succeed: the 403s are the role, not the request.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage);
  expect((await adminPage.request.post(`${api}/scores`, { data: score, headers: fromLoupePage })).status()).toBe(201);
  expect((await adminPage.request.patch(`${api}/traces/${traceId}`, { data: { public: false }, headers: fromLoupePage })).status()).toBe(
    200,
  );
  await admin.close();

  // Nothing the viewer sent was written.
  const written = await db.query(`SELECT count(*)::int AS n FROM "Score" WHERE "traceId" = $1 AND "authorUserId" IS NOT NULL`, [traceId]);
  expect(written.rows[0].n).toBe(1);
});
