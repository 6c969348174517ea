import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { basicAuth, sendAgentTrace, sendScores, shot, shotsAllThemesAndWidths, signIn } from "./helpers";

// The trace view's tools as a person debugging an agent uses them: search inside the trace with
// next/previous, the agent graph, retrieved documents, highlighted code with copy, long outputs that
// expand, a resizable split; and the user page (sessions, cost over time, scores).

const LONG_ANSWER = [
  "# Order status",
  "Here is how to check it yourself (kb-needle-42):",
  "",
  "```ts",
  'const status = await orders.get("A-1001");',
  "console.log(status.eta);",
  "```",
  "",
  "| step | eta |",
  "| --- | --- |",
  "| packed | today |",
  "| shipped | tomorrow |",
  "",
  ...Array.from({ length: 80 }, (_, i) => `Paragraph ${i + 1}: the parcel moves through the network and reaches the depot.`),
].join("\n");

async function sendAgentRun(request: APIRequestContext) {
  const traceId = randomUUID();
  const agent = randomUUID();
  const t0 = Date.now() - 20_000;
  const at = (ms: number) => new Date(t0 + ms).toISOString();
  const ev = (type: string, body: Record<string, unknown>) => ({ id: randomUUID(), type, timestamp: at(0), body });
  const obs = (type: string, name: string, start: number, extra: Record<string, unknown> = {}) =>
    ev(`${type}-create`, {
      id: randomUUID(),
      traceId,
      parentObservationId: agent,
      name,
      startTime: at(start),
      endTime: at(start + 90),
      ...extra,
    });
  const batch = [
    ev("trace-create", { id: traceId, name: "order-agent", timestamp: at(0), userId: "u-graph", input: { question: "Where is A-1001?" } }),
    ev("agent-create", {
      id: agent,
      traceId,
      name: "support-agent.planner.with.a.very.deep.name.router",
      startTime: at(0),
      endTime: at(2000),
    }),
    obs("generation", "plan", 100, { model: "gpt-4o", output: "call the docs tool" }),
    obs("tool", "search_docs", 200, { input: { q: "A-1001" }, output: { hits: 2 } }),
    obs("retriever", "kb-search", 300, {
      input: { query: "shipping times" },
      output: [
        { pageContent: "Orders ship within 24 hours on weekdays.", metadata: { source: "kb/shipping.md", score: 0.93 } },
        { pageContent: "Refunds are issued within 5 days.", metadata: { source: "kb/refunds.md", score: 0.41 } },
      ],
    }),
    obs("tool", "search_docs", 400, { input: { q: "eta" }, level: "WARNING", statusMessage: "slow index" }),
    obs("generation", "final-answer", 500, { model: "gpt-4o", output: LONG_ANSWER }),
  ];
  const res = await request.post("/api/public/ingestion", { data: { batch }, headers: { authorization: basicAuth() } });
  expect(res.status()).toBe(207);
  expect((await res.json()).errors).toEqual([]);
  return traceId;
}

async function openTrace(page: Page, traceId: string, rows: number) {
  const base = page.url().replace(/\/traces.*$/, "");
  await expect(async () => {
    await page.goto(`${base}/traces/${traceId}`);
    await expect(page.getByTestId("tree-row")).toHaveCount(rows, { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
}

const detailHeading = (page: Page) => page.getByTestId("trace-detail-pane").getByRole("heading", { level: 2 }).first();

test("search inside a trace walks its matches; the graph, documents, code copy and expand work", async ({ page, request, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const traceId = await sendAgentRun(request);
  await signIn(page);
  await openTrace(page, traceId, 6);

  // Names match as one types: two search_docs calls; Enter / Shift+Enter walk them, the detail follows.
  const box = page.getByTestId("trace-search");
  await page.keyboard.press("f");
  await expect(box).toBeFocused();
  await box.fill("search_docs");
  await expect(page.getByTestId("trace-search-count")).toHaveText("–/2");
  await expect(page.locator('[data-testid="tree-row"][data-match="true"]')).toHaveCount(2);
  await box.press("Enter");
  await expect(page.getByTestId("trace-search-count")).toHaveText("1/2");
  await expect(detailHeading(page)).toHaveText("search_docs");
  await expect(page.getByRole("treeitem", { selected: true })).toContainText("search_docs");
  await box.press("Enter");
  await expect(page.getByTestId("trace-search-count")).toHaveText("2/2");
  await expect(page.getByTestId("trace-detail-pane")).toContainText("slow index");
  await box.press("Shift+Enter");
  await expect(page.getByTestId("trace-search-count")).toHaveText("1/2");
  await expect(page.getByTestId("trace-detail-pane")).not.toContainText("slow index");
  await page.getByRole("button", { name: "Next match" }).click();
  await expect(page.getByTestId("trace-search-count")).toHaveText("2/2");

  // Outputs are searched on the server: the phrase is only in the final answer's output.
  await box.fill("KB-NEEDLE-42");
  await expect(page.getByTestId("trace-search-count")).toHaveText("–/1");
  await box.press("Enter");
  await expect(detailHeading(page)).toHaveText("final-answer");

  // Code blocks: highlighted (lazily), copyable; the long answer is collapsed with an expand button.
  const output = page.getByTestId("payload-output");
  const code = output.getByTestId("code-block");
  await expect(code).toHaveAttribute("data-language", "ts");
  await expect(code.locator("[data-highlighted]")).toBeVisible();
  await code.getByRole("button", { name: "Copy code" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'const status = await orders.get("A-1001");\nconsole.log(status.eta);',
  );
  await expect(output.locator("table")).toContainText("shipped");
  const expand = page.getByTestId("payload-expand").first();
  await expect(expand).toHaveText("Expand to full height");
  const collapsedHeight = (await output.boundingBox())?.height ?? 0;
  await expand.click();
  await expect(expand).toHaveAttribute("aria-expanded", "true");
  expect((await output.boundingBox())?.height ?? 0).toBeGreaterThan(collapsedHeight + 200);
  await box.fill("");
  await page.screenshot({ path: shot("trace-view-markdown-code-light-1440"), fullPage: true });

  // Retrieved documents: a list with title, score and a preview, expandable.
  await page.getByTestId("tree-row").filter({ hasText: "kb-search" }).click();
  const docs = page.getByTestId("retrieved-documents");
  await expect(docs.getByTestId("retrieved-document")).toHaveCount(2);
  await expect(docs.getByTestId("retrieved-document").first()).toContainText("kb/shipping.md");
  await expect(docs.getByTestId("document-score").first()).toHaveText("0.93");
  await docs.getByRole("button", { name: /kb\/refunds\.md/ }).click();
  await expect(docs.getByRole("button", { name: /kb\/refunds\.md/ })).toHaveAttribute("aria-expanded", "true");
  await shotsAllThemesAndWidths(page, "trace-view-documents");

  // The agent graph: steps as nodes; clicking one selects its observation (again: its next call).
  await page.getByRole("button", { name: "Graph" }).click();
  const graph = page.getByTestId("agent-graph");
  await expect(graph.getByTestId("graph-node")).toHaveCount(6); // start + agent, plan, search_docs, kb-search, final-answer
  await graph.getByTestId("graph-node").filter({ hasText: "search_docs" }).click();
  await expect(detailHeading(page)).toHaveText("search_docs");
  await expect(graph.getByTestId("graph-node").filter({ hasText: "search_docs" })).toHaveAttribute("data-selected", "true");
  await graph.getByTestId("graph-node").filter({ hasText: "search_docs" }).click();
  await expect(page.getByTestId("trace-detail-pane")).toContainText("slow index");
  await graph.getByTestId("graph-node").filter({ hasText: "kb-search" }).click();
  await expect(detailHeading(page)).toHaveText("kb-search");
  await shotsAllThemesAndWidths(page, "trace-view-graph");
  await page.getByRole("button", { name: "Tree" }).click();

  // Deep names: truncated in the middle, the full name in the tooltip.
  const deep = page.getByTestId("tree-row").filter({ hasText: "router" }).locator('[title*="router"]');
  await expect(deep).toHaveAttribute("title", "support-agent.planner.with.a.very.deep.name.router");
  await shotsAllThemesAndWidths(page, "trace-view-warnings");
});

test("the tree/detail split is resizable and remembered", async ({ page, request }) => {
  const traceId = await sendAgentRun(request);
  await signIn(page);
  await openTrace(page, traceId, 6);
  const tree = page.getByRole("tree", { name: "Observations" });
  const before = (await tree.boundingBox())?.width ?? 0;
  const handle = (await page.getByTestId("trace-split-handle").boundingBox()) as { x: number; y: number; height: number };
  await page.mouse.move(handle.x, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + 160, handle.y + handle.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await tree.boundingBox())?.width ?? 0).toBeGreaterThan(before + 120);
  const widened = (await tree.boundingBox())?.width ?? 0;
  await page.reload();
  await expect(page.getByTestId("tree-row")).toHaveCount(6);
  await expect.poll(async () => Math.abs(((await tree.boundingBox())?.width ?? 0) - widened)).toBeLessThan(12);
});

test("the user page lists the user's sessions, cost over time and scores", async ({ page, request }) => {
  const userId = `user-${randomUUID().slice(0, 8)}`;
  const sessionId = `session-${randomUUID().slice(0, 8)}`;
  const { traceId } = await sendAgentTrace(request, { userId, sessionId, name: "user-page-trace" });
  await sendAgentTrace(request, { userId, sessionId: `${sessionId}-b`, name: "user-page-trace" });
  await sendScores(request, [{ traceId, name: "helpfulness", value: 0.8, dataType: "NUMERIC" }]);
  await signIn(page);
  const base = page.url().replace(/\/traces.*$/, "");
  await expect(async () => {
    await page.goto(`${base}/users/${userId}`);
    await expect(page.getByTestId("user-session-row")).toHaveCount(2, { timeout: 5_000 });
    await expect(page.getByTestId("user-scores")).toContainText("helpfulness", { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByTestId("user-cost-chart").locator(".recharts-surface").first()).toBeVisible();
  await shotsAllThemesAndWidths(page, "user-page");
  await page
    .getByTestId("user-session-row")
    .filter({ hasText: `${sessionId}-b` })
    .getByRole("link")
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}-b`));
});
