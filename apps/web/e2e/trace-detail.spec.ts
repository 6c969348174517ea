import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { basicAuth, sendAgentTrace, shotsAllThemesAndWidths, signIn, fromLoupePage } from "./helpers";

const ev = (type: string, body: Record<string, unknown>, at = new Date().toISOString()) => ({
  id: randomUUID(),
  type,
  timestamp: at,
  body,
});

async function ingest(request: APIRequestContext, batch: unknown[]) {
  const res = await request.post("/api/public/ingestion", { data: { batch }, headers: { authorization: basicAuth() } });
  expect(res.status()).toBe(207);
  expect((await res.json()).errors).toEqual([]);
}

/**
 * Opens a trace once the worker has stored it and, when given, that many of its observations
 * (ingestion is asynchronous, and the trace row can land before its observations).
 */
async function openTrace(page: Page, traceId: string, name: string, observations?: number) {
  const base = page.url().replace(/\/traces.*$/, "");
  await expect(async () => {
    await page.goto(`${base}/traces/${traceId}`);
    await expect(page.getByRole("heading", { name })).toBeVisible({ timeout: 5_000 });
    if (observations !== undefined) await expect(page.getByText(`${observations} observations`)).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
}

const hostileMarkdown = [
  "# Report",
  "Some **bold** text and a [safe link](https://example.com) and a [bad link](javascript:window.__xss=4).",
  '<img src=x onerror="window.__xss=5"><script>window.__xss=6</script>',
  "",
  "- item one",
  "- item two",
].join("\n");

/** A trace with a chat generation (tool calls, tool results, hostile content), a JSON span and an error span. */
async function sendRichTrace(request: APIRequestContext) {
  const traceId = randomUUID();
  const gen = randomUUID();
  const t0 = Date.now() - 10_000;
  const at = (ms: number) => new Date(t0 + ms).toISOString();
  await ingest(request, [
    ev("trace-create", { id: traceId, name: "rich-trace", timestamp: at(0), input: "Plan a trip", output: hostileMarkdown }),
    ev("span-create", {
      id: randomUUID(),
      traceId,
      name: "load-profile",
      startTime: at(0),
      endTime: at(400),
      output: {
        user: { id: 7, prefs: { seat: "aisle", meals: ["veg"] } },
        history: Array.from({ length: 15 }, (_, trip) => ({ trip, city: "Paris" })),
      },
    }),
    ev("generation-create", {
      id: gen,
      traceId,
      name: "chat-llm",
      model: "gpt-4o",
      startTime: at(400),
      endTime: at(3000),
      input: [
        { role: "system", content: "You are a travel agent." },
        {
          role: "user",
          content: [
            { type: "text", text: 'Find flights <img src=x onerror="window.__xss=7"> [click](javascript:window.__xss=8)' },
            { type: "image_url", image_url: { url: "https://example.com/map.png" } },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_1", type: "function", function: { name: "search_flights", arguments: '{"from":"BER","to":"LIS"}' } }],
        },
        { role: "tool", tool_call_id: "call_1", content: '{"flights":2}' },
      ],
      output: { role: "assistant", content: "I found **2 flights** from BER to LIS." },
    }),
    ev("span-create", {
      id: randomUUID(),
      traceId,
      name: "book-flight",
      startTime: at(3000),
      endTime: at(4000),
      level: "ERROR",
      statusMessage: "payment declined",
    }),
  ]);
  return { traceId, gen };
}

test("timeline and tree select together; chat, JSON and markdown render safely; add a score", async ({ page, request }) => {
  await signIn(page);
  const { traceId } = await sendRichTrace(request);
  await openTrace(page, traceId, "rich-trace", 3);

  // Markdown output: rendered, links safe, no raw HTML executed.
  const output = page.getByTestId("payload-output");
  await expect(output.getByRole("heading", { name: "Report" })).toBeVisible();
  await expect(output.getByRole("link", { name: "safe link" })).toHaveAttribute("rel", "noopener noreferrer");
  await expect(output.getByRole("link", { name: "bad link" })).toHaveCount(0);
  await expect(output.locator("script, img")).toHaveCount(0);

  // Timeline: a bar per row, the error bar red; clicking a bar selects the row in the tree.
  await page.getByRole("button", { name: "Timeline" }).click();
  // One bar per observation (three) plus the trace itself.
  await expect(page.getByTestId("timeline-bar")).toHaveCount(4);
  await expect(page.locator('[data-testid="timeline-bar"][data-error="true"]')).toHaveCount(1);
  await shotsAllThemesAndWidths(page, "trace-timeline");
  const errorRow = page.getByTestId("tree-row").filter({ hasText: "book-flight" });
  await errorRow.getByTestId("timeline-bar").click();
  await expect(errorRow).toHaveAttribute("aria-selected", "true");
  await expect(page.getByText("payment declined")).toBeVisible();
  await page.getByRole("button", { name: "Tree" }).click();
  await expect(page.getByTestId("tree-row").filter({ hasText: "book-flight" })).toHaveAttribute("aria-selected", "true");
  await page.getByTestId("tree-row").filter({ hasText: "chat-llm" }).click();
  await page.getByRole("button", { name: "Timeline" }).click();
  await expect(page.getByTestId("tree-row").filter({ hasText: "chat-llm" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("button", { name: "Tree" }).click();

  // Chat input: role-tagged bubbles, tool call and tool result distinct, hostile content inert.
  const input = page.getByTestId("payload-input");
  await expect(input.getByTestId("chat-message")).toHaveCount(4);
  await expect(input.locator('[data-role="system"]')).toContainText("You are a travel agent.");
  await expect(input.getByTestId("chat-tool-call")).toContainText("search_flights");
  await expect(input.getByTestId("chat-tool-call")).toContainText("BER");
  await expect(input.getByTestId("chat-tool-result")).toContainText("call_1");
  await expect(input).toContainText("https://example.com/map.png");
  await expect(input.getByRole("link", { name: "click" })).toHaveCount(0);
  await expect(input.locator("img, script")).toHaveCount(0);
  await expect(page.getByTestId("payload-output").locator("strong")).toHaveText("2 flights");
  await shotsAllThemesAndWidths(page, "trace-chat-generation");
  // Raw JSON toggle.
  await page.getByRole("group", { name: "Input view" }).getByRole("button", { name: "JSON" }).click();
  await expect(input).toHaveAttribute("data-view", "json");
  await expect(input).toContainText('"tool_call_id": "call_1"');

  // JSON tree: collapsible with search.
  await page.getByTestId("tree-row").filter({ hasText: "load-profile" }).click();
  const tree = page.getByTestId("payload-output").getByTestId("json-tree");
  await expect(tree).toContainText("aisle");
  await tree.getByLabel("Search JSON").fill("meals");
  await expect(tree).toContainText("veg");
  await expect(tree).not.toContainText("aisle");
  await tree.getByLabel("Search JSON").fill("");
  await shotsAllThemesAndWidths(page, "trace-json-tree");
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // Add a score to the generation by hand, then one to the trace.
  await page.getByTestId("tree-row").filter({ hasText: "chat-llm" }).click();
  const scores = page.getByTestId("scores-panel");
  await scores.getByRole("button", { name: "Add score" }).click();
  const form = page.getByTestId("score-form");
  await form.getByLabel("Name").fill("helpfulness");
  await form.getByLabel("Value").fill("0.8");
  await form.getByLabel("Comment").fill("Good tool use");
  await shotsAllThemesAndWidths(page, "trace-score-form");
  await form.getByRole("button", { name: "Save score" }).click();
  const row = scores.getByTestId("score-row").filter({ hasText: "helpfulness" });
  await expect(row).toContainText("0.8");
  await expect(row).toContainText("annotation");
  await expect(row).toContainText("Good tool use");
  await expect(row).toContainText("admin@loupe.test");

  await page.getByTestId("tree-row-trace").click();
  await page.getByTestId("scores-panel").getByRole("button", { name: "Add score" }).click();
  await form.getByLabel("Name").fill("resolved");
  await form.getByLabel("Type").selectOption("BOOLEAN");
  await form.getByLabel("Value").selectOption("1");
  await form.getByRole("button", { name: "Save score" }).click();
  await expect(page.getByTestId("scores-panel").getByTestId("score-row").filter({ hasText: "resolved" })).toContainText("True");
});

test("the score API rejects bad values, unknown traces and anonymous callers", async ({ page, request }) => {
  await signIn(page);
  const projectId = page.url().match(/\/project\/([^/]+)/)?.[1];
  const url = `/api/internal/projects/${projectId}/scores`;
  const bad = await page.request.post(url, { data: { traceId: "x", name: "b", dataType: "BOOLEAN", value: 3 }, headers: fromLoupePage });
  expect(bad.status()).toBe(400);
  const missing = await page.request.post(url, {
    data: { traceId: randomUUID(), name: "n", dataType: "NUMERIC", value: 1 },
    headers: fromLoupePage,
  });
  expect(missing.status()).toBe(404);
  const anonymous = await request.post(url, { data: { traceId: "x", name: "n", dataType: "NUMERIC", value: 1 }, headers: fromLoupePage });
  expect([401, 403]).toContain(anonymous.status());
});

test("a member shares a trace; the link opens without login and shows only that trace", async ({ page, request, browser }) => {
  await signIn(page);
  const projectId = page.url().match(/\/project\/([^/]+)/)?.[1] as string;
  const { traceId } = await sendAgentTrace(request, { name: "shared-agent" });
  const { traceId: privateId } = await sendAgentTrace(request, { name: "private-agent" });
  await openTrace(page, traceId, "shared-agent", 4);

  await page.getByRole("button", { name: "Share" }).click();
  // The warning names what becomes public and offers to hide it (checked by default).
  const dialog = page.getByRole("dialog", { name: "Share this trace" });
  await expect(dialog.getByTestId("share-identity-warning")).toContainText("user-42");
  await expect(dialog.getByTestId("share-identity-warning")).toContainText("session-7");
  await expect(dialog.getByLabel("Hide the user id and session id on the shared page")).toBeChecked();
  await dialog.getByRole("button", { name: "Make public" }).click();
  const link = page.getByTestId("share-link").getByRole("link");
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href")) as string;
  expect(href).toContain(`/public/traces/${traceId}?projectId=${projectId}`);

  const anon = await browser.newContext({ baseURL: new URL(href).origin });
  const publicPage = await anon.newPage();
  await publicPage.goto(href);
  await expect(publicPage.getByRole("heading", { name: "shared-agent" })).toBeVisible();
  await expect(publicPage.getByText("Shared trace · read-only")).toBeVisible();
  await expect(publicPage.getByTestId("tree-row")).toHaveCount(4);
  await expect(publicPage.getByRole("link", { name: "Traces" })).toHaveCount(0);
  await expect(publicPage.getByRole("button", { name: "Add score" })).toHaveCount(0);
  await expect(publicPage.getByRole("navigation")).toHaveCount(0);
  await expect(publicPage.locator("header")).not.toContainText("user-42");
  await expect(publicPage.locator("header")).not.toContainText("session-7");
  await publicPage.getByTestId("tree-row").filter({ hasText: "answer" }).click();
  await expect(publicPage.getByTestId("payload-output")).toContainText("It ships tomorrow.");
  await shotsAllThemesAndWidths(publicPage, "trace-public");

  // A private trace, a wrong project and an unshared trace are all 404 for the anonymous visitor.
  for (const path of [`/public/traces/${privateId}?projectId=${projectId}`, `/public/traces/${traceId}?projectId=not-this-project`]) {
    await publicPage.goto(path);
    await expect(publicPage.getByText("Trace not found")).toBeVisible();
  }
  const api = await anon.request.get(`/api/internal/shared/projects/${projectId}/traces/${privateId}`);
  expect(api.status()).toBe(404);

  await page.getByRole("button", { name: "Public" }).click();
  await expect(page.getByRole("button", { name: "Share" })).toBeVisible();
  await publicPage.goto(href);
  await expect(publicPage.getByText("Trace not found")).toBeVisible();
  await anon.close();
});

test("a trace with 2,000 observations stays virtualised and a 1 MB input loads lazily", async ({ page, request }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const traceId = randomUUID();
  const t0 = Date.now() - 60_000;
  const at = (ms: number) => new Date(t0 + ms).toISOString();
  const ids = Array.from({ length: 2000 }, (_, i) => (i === 0 ? randomUUID() : randomUUID()));
  const events: unknown[] = [ev("trace-create", { id: traceId, name: "huge-trace", timestamp: at(0) })];
  ids.forEach((id, i) => {
    // The first 40 observations form a chain (depth 40); the rest hang off chain nodes.
    const parent = i === 0 ? undefined : i < 40 ? ids[i - 1] : ids[i % 40];
    const name = i === 39 ? "deep-node" : `step-${i}`;
    events.push(ev("span-create", { id, traceId, parentObservationId: parent, name, startTime: at(i * 10), endTime: at(i * 10 + 25) }));
  });
  const bigId = randomUUID();
  events.push(
    ev("generation-create", {
      id: bigId,
      traceId,
      parentObservationId: ids[0],
      name: "big-input",
      startTime: at(5),
      endTime: at(50),
      input: `${"lorem ipsum ".repeat(90_000)}THE-END`,
    }),
  );
  for (let i = 0; i < events.length; i += 500) await ingest(request, events.slice(i, i + 500));
  // The page reads once: wait until the worker has merged all five batches, not just the first.
  await expect(async () => {
    const res = await request.get(`/api/public/observations?traceId=${traceId}&limit=1`, { headers: { authorization: basicAuth() } });
    expect((await res.json()).meta?.totalItems).toBe(2001);
  }).toPass({ timeout: 60_000 });
  await openTrace(page, traceId, "huge-trace");
  await expect(page.getByText("2,001 observations")).toBeVisible({ timeout: 30_000 });

  const rendered = await page.getByTestId("tree-row").count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(200);

  // Scroll the virtual tree until the deep node appears, then select it.
  const deep = page.getByTestId("tree-row").filter({ hasText: "deep-node" });
  const tree = page.getByRole("tree", { name: "Observations" });
  for (let i = 0; i < 60 && (await deep.count()) === 0; i++) await tree.evaluate((el) => el.scrollBy(0, 600));
  const started = Date.now();
  await deep.click();
  await expect(deep).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("heading", { name: "deep-node", level: 2 })).toBeVisible();
  expect(Date.now() - started).toBeLessThan(5_000);

  await page.getByRole("button", { name: "Timeline" }).click();
  expect(await page.getByTestId("timeline-bar").count()).toBeLessThan(200);

  // 1 MB input: a preview first, the rest on demand.
  await tree.evaluate((el) => el.scrollTo(0, 0));
  await page.getByTestId("tree-row").filter({ hasText: "big-input" }).click();
  const input = page.getByTestId("payload-input");
  await expect(page.getByTestId("payload-show-all")).toBeVisible();
  await expect(input).not.toContainText("THE-END");
  await page.getByTestId("payload-show-all").click();
  await expect(page.getByTestId("payload-input")).toContainText("THE-END", { timeout: 15_000 });
});
