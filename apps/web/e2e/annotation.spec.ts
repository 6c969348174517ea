import { expect, type Page, test } from "@playwright/test";
import { basicAuth, createProjectUser, e2eDatabase, sendAgentTrace, signIn } from "./helpers";

// Human annotation on the production build: a reviewer with the ANNOTATOR role completes a queue
// from the keyboard (scores with source ANNOTATION and the author land in the database), sees only
// the tracing and annotation pages, and is refused everything else by the server. Screenshots of the
// new pages go to /tmp/shots-annotate (empty and full, light and dark, 1440 and 800 px).

const db = e2eDatabase();
test.afterAll(async () => {
  await db.end();
});

const SHOTS = process.env.ANNOTATE_SHOTS_DIR || "/tmp/shots-annotate";
async function shots(page: Page, name: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator("html")).toHaveClass(colorScheme === "dark" ? /dark/ : /^(?!.*dark)/);
    for (const width of [1440, 800]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}/${name}-${colorScheme}-${width}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1440, height: 900 });
}

const api = (path: string) => ({ url: `/api/public${path}`, headers: { authorization: basicAuth() } });

test("an ANNOTATOR completes a queue from the keyboard and sees only what it may", async ({ page, request, browser }) => {
  test.setTimeout(180_000);
  const annotator = await createProjectUser(db, "ANNOTATOR");
  const projectId = annotator.projectId;

  // The admin's empty pages first (the e2e database outlives a run: start this project's annotation afresh).
  await db.query(`DELETE FROM "AnnotationQueue" WHERE "projectId" = $1`, [projectId]);
  await db.query(`DELETE FROM "ScoreConfig" WHERE "projectId" = $1`, [projectId]);
  const admin = await browser.newPage();
  await signIn(admin);
  await admin.goto(`/project/${projectId}/annotation-queues`);
  await expect(admin.getByText("No annotation queues yet")).toBeVisible();
  await shots(admin, "queues-empty");
  await admin.goto(`/project/${projectId}/score-configs`);
  await expect(admin.getByText("No score configs yet")).toBeVisible();
  await shots(admin, "score-configs-empty");

  // Score configs from the UI: a numeric range and a boolean.
  const configName = `quality-${Date.now() % 100000}`;
  await admin.getByRole("button", { name: "New score config" }).click();
  await admin.getByLabel("Name").fill(configName);
  await admin.getByLabel("Minimum").fill("1");
  await admin.getByLabel("Maximum").fill("5");
  await admin.getByRole("button", { name: "Create score config" }).click();
  await expect(admin.getByTestId("score-config-row").filter({ hasText: configName })).toBeVisible();
  const boolName = `${configName}-ok`;
  await admin.getByRole("button", { name: "New score config" }).click();
  await admin.getByLabel("Name").fill(boolName);
  await admin.getByLabel("Type").selectOption("BOOLEAN");
  await admin.getByRole("button", { name: "Create score config" }).click();
  await expect(admin.getByTestId("score-config-row").filter({ hasText: boolName })).toBeVisible();
  await shots(admin, "score-configs-full");

  // Three traces and a queue collecting both configs, assigned to the annotator (public API, as an SDK would).
  const traces = [];
  for (const name of ["review-a", "review-b", "review-c"]) traces.push((await sendAgentTrace(request, { name })).traceId);
  const configs = (await (await request.get(api("/score-configs?limit=100").url, { headers: api("").headers })).json()).data as {
    id: string;
    name: string;
  }[];
  const ids = [configName, boolName].map((n) => configs.find((c) => c.name === n)?.id);
  const queue = await (
    await request.post(api("/annotation-queues").url, {
      headers: api("").headers,
      data: { name: `Review ${configName}`, scoreConfigIds: ids },
    })
  ).json();
  const { rows } = await db.query<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = $1`, [annotator.email]);
  const assigned = await request.post(api(`/annotation-queues/${queue.id}/assignments`).url, {
    headers: api("").headers,
    data: { userId: rows[0]?.id },
  });
  expect(assigned.status()).toBe(200);
  for (const traceId of traces) {
    await expect(async () => {
      const added = await request.post(api(`/annotation-queues/${queue.id}/items`).url, {
        headers: api("").headers,
        data: { objectId: traceId, objectType: "TRACE" },
      });
      expect(added.status()).toBe(200); // 404 until the worker has stored the trace
    }).toPass({ timeout: 45_000 });
  }
  await admin.goto(`/project/${projectId}/annotation-queues`);
  await expect(admin.getByTestId("queue-row").filter({ hasText: queue.name })).toContainText("0 of 3");
  await shots(admin, "queues-full");

  // The annotator: tracing and annotation in the nav, nothing else.
  await signIn(page, annotator);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Traces", "Sessions", "Observations", "Annotation"]) await expect(nav.getByRole("link", { name })).toBeVisible();
  for (const name of ["Prompts", "Playground", "Datasets", "Score configs", "API keys", "Users"])
    await expect(nav.getByRole("link", { name })).toHaveCount(0);
  await nav.getByRole("link", { name: "Annotation" }).click();
  await expect(page.getByRole("button", { name: "New queue" })).toHaveCount(0);
  await page.getByTestId("queue-link").filter({ hasText: queue.name }).click();
  await expect(page.getByText("Add items")).toHaveCount(0);
  await page.getByRole("link", { name: "Start reviewing" }).click();
  await expect(page.getByTestId("review-position")).toHaveText("1 of 3");
  await expect(page.getByTestId("review-content")).toContainText(/review-[abc]/);
  const firstItem = (await page.getByTestId("review-content").textContent())?.match(/review-[abc]/)?.[0] ?? "";
  await shots(page, "annotate-view");

  // Item 1: e → type a score, Tab to "True", Space, ⌘/Ctrl+Enter completes and moves on.
  await page.keyboard.press("e");
  await page.keyboard.type("4");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab"); // False
  await page.keyboard.press("Tab"); // comment
  await page.keyboard.type("Accurate and short");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("review-position")).toHaveText("2 of 3");
  // Item 2: skip it (s), then come back (←) and complete it.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // Item 2 must have loaded before a key acts on it (on a busy machine the press came before its data).
  await expect(page.getByTestId("review-content")).toContainText(/review-[abc]/);
  await expect(page.getByTestId("review-content")).not.toContainText(firstItem);
  await page.waitForLoadState("networkidle");
  await page.keyboard.press("s");
  await expect(page.getByTestId("review-position")).toHaveText("3 of 3");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("review-position")).toHaveText("2 of 3");
  await page.keyboard.press("e");
  await page.keyboard.type("2");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("review-position")).toHaveText("3 of 3");
  // Item 3, the last one: the queue says it is complete.
  await page.keyboard.press("e");
  await page.keyboard.type("5");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByRole("status").filter({ hasText: "Queue complete" })).toBeVisible();

  const scores = await db.query<{ name: string; value: number; source: string; authorEmail: string }>(
    `SELECT s."name", s."value", s."source"::text AS "source", u."email" AS "authorEmail"
     FROM "Score" s JOIN "User" u ON u."id" = s."authorUserId" WHERE s."queueId" = $1 ORDER BY s."value"`,
    [queue.id],
  );
  expect(scores.rows.map((s) => [s.name, s.value, s.source, s.authorEmail])).toEqual([
    [boolName, 1, "ANNOTATION", annotator.email],
    [configName, 2, "ANNOTATION", annotator.email],
    [configName, 4, "ANNOTATION", annotator.email],
    [configName, 5, "ANNOTATION", annotator.email],
  ]);
  const comment = await db.query(`SELECT "content" FROM "Comment" WHERE "objectId" = ANY($1::text[])`, [traces]);
  expect(comment.rows.map((c) => c.content)).toEqual(["Accurate and short"]);

  // Completed items and who scored them.
  await page.goto(`/project/${projectId}/annotation-queues/${queue.id}`);
  await expect(page.getByTestId("queue-item-row")).toHaveCount(3);
  for (const row of await page.getByTestId("queue-item-row").all()) await expect(row).toContainText(annotator.email);
  await shots(page, "queue-page-annotator");
  await admin.goto(`/project/${projectId}/annotation-queues/${queue.id}`);
  await expect(admin.getByText("Add items")).toBeVisible();
  await shots(admin, "queue-page-admin");

  // The comment shows on the trace, with its author; the annotator can add one there too.
  await page.goto(`/project/${projectId}/traces`);
  await expect(page.getByRole("heading", { name: "Traces" })).toBeVisible();

  // The server refuses everything outside the annotator's rights.
  const internal = `/api/internal/projects/${projectId}`;
  for (const path of ["/prompts", "/datasets", "/users", "/api-keys", "/settings/masking", "/llm-connections"]) {
    expect((await page.request.get(`${internal}${path}`)).status(), path).toBe(403);
  }
  const origin = { origin: new URL(page.url()).origin };
  const created = await page.request.post(`${internal}/annotation-queues`, {
    headers: origin,
    data: { name: "nope", scoreConfigIds: ids },
  });
  expect(created.status()).toBe(403);
  expect((await page.request.post(`${internal}/api-keys`, { headers: origin, data: {} })).status()).toBe(403);
  const queues = await db.query(`SELECT count(*)::int AS n FROM "AnnotationQueue" WHERE "name" = 'nope'`);
  expect(queues.rows[0].n).toBe(0);
  await page.goto(`/project/${projectId}/prompts`);
  await expect(page.getByText(/may not do this/)).toBeVisible();
  await admin.close();
});
