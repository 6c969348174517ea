import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, type APIResponse, type Browser, expect, type Page, test } from "@playwright/test";
import { basicAuth, fromLoupePage, projectIdOf, signIn } from "./helpers";

// Every page route, found on disk (a new page is covered without editing this file), loaded in full in
// light and dark: no uncaught page error and no console error, React's hydration errors (#418) included.

const APP_DIR = path.resolve(import.meta.dirname, "../src/app");
function pageRoutes(dir = APP_DIR, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      // Route groups "(app)" add nothing to the URL; "api" holds no pages.
      const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
      if (entry.name !== "api") out.push(...pageRoutes(path.join(dir, entry.name), prefix + segment));
    } else if (entry.name === "page.tsx") out.push(prefix || "/");
  }
  return out.sort();
}

/** Records what would show in a person's console while `page` is used. */
function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return errors;
}

async function seed(request: APIRequestContext, tag: string) {
  const headers = { authorization: basicAuth() };
  const traceId = randomUUID();
  const at = (ms: number) => new Date(Date.now() - 60_000 + ms).toISOString();
  const ev = (type: string, body: Record<string, unknown>) => ({ id: randomUUID(), type, timestamp: at(0), body });
  const ingest = await request.post("/api/public/ingestion", {
    headers,
    data: {
      batch: [
        ev("trace-create", { id: traceId, name: `routes-${tag}`, timestamp: at(0), userId: `user-${tag}`, sessionId: `session-${tag}` }),
        ev("generation-create", { id: randomUUID(), traceId, name: "answer", model: "gpt-4o", startTime: at(1), endTime: at(900) }),
        ev("span-create", { id: randomUUID(), traceId, name: "check", startTime: at(2), endTime: at(5), level: "WARNING" }),
      ],
    },
  });
  expect(ingest.status()).toBe(207);
  const dataset = await request.post("/api/public/v2/datasets", { headers, data: { name: `routes-${tag}` } });
  expect(dataset.status()).toBe(200);
  const prompt = await request.post("/api/public/v2/prompts", {
    headers,
    data: { name: `routes-${tag}`, type: "text", prompt: "Hi {{name}}" },
  });
  expect(prompt.status()).toBe(201);
  const created = async (res: APIResponse, what: string): Promise<string> => {
    expect(res.ok(), `${what}: ${await res.text()}`).toBe(true);
    return ((await res.json()) as { id: string }).id;
  };
  const dashboardId = await created(
    await request.post("/api/public/unstable/dashboards", { headers, data: { name: `routes-${tag}`, description: "" } }),
    "dashboard",
  );
  const configId = await created(
    await request.post("/api/public/score-configs", {
      headers,
      data: { name: `routes-${tag}`, dataType: "NUMERIC", minValue: 0, maxValue: 1 },
    }),
    "score config",
  );
  const queueId = await created(
    await request.post("/api/public/annotation-queues", { headers, data: { name: `routes-${tag}`, scoreConfigIds: [configId] } }),
    "annotation queue",
  );
  // A paused rule on a connection nobody calls: its page renders without a judge.
  const connection = await request.put("/api/public/llm-connections", {
    headers,
    data: { provider: `routes-${tag}`, adapter: "openai", secretKey: "sk-routes-unused", baseURL: "http://127.0.0.1:9/v1" },
  });
  expect(connection.ok(), await connection.text()).toBe(true);
  await created(
    await request.post("/api/public/unstable/evaluators", {
      headers,
      data: {
        name: `routes-${tag}`,
        prompt: "Is {{output}} a helpful answer?",
        outputDefinition: { dataType: "BOOLEAN", reasoning: { description: "why" }, score: { description: "helpful?" } },
        modelConfig: { provider: `routes-${tag}`, model: "gpt-4o-mini" },
      },
    }),
    "evaluator",
  );
  const ruleId = await created(
    await request.post("/api/public/unstable/evaluation-rules", {
      headers,
      data: {
        name: `routes-${tag}`,
        evaluator: { name: `routes-${tag}`, type: "llm_as_judge" },
        target: "observation",
        enabled: false,
        sampling: 1,
        filter: [{ type: "stringOptions", column: "type", operator: "any of", value: ["GENERATION"] }],
        mapping: [{ variable: "output", source: "output" }],
      },
    }),
    "evaluation rule",
  );
  return {
    traceId,
    sessionId: `session-${tag}`,
    userId: `user-${tag}`,
    datasetId: (await dataset.json()).id as string,
    dashboardId,
    queueId,
    ruleId,
  };
}

async function visitAll(browser: Browser, urls: string[], signedIn: boolean) {
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    if (signedIn) await signIn(page);
    const errors = watchErrors(page);
    for (const url of urls) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      await expect(page.locator("html")).toHaveClass(colorScheme === "dark" ? /dark/ : /^(?!.*dark)/);
      expect(errors, `${url} (${colorScheme})`).toEqual([]);
    }
    await context.close();
  }
}

test("no page shows a page error or console error, in light or dark", async ({ browser, page, request }) => {
  test.setTimeout(600_000);
  const tag = randomUUID().slice(0, 8);
  const ids = await seed(request, tag);
  await signIn(page);
  const projectId = projectIdOf(page);
  // The shared view needs a public trace; wait until the worker has stored it.
  await expect(async () => {
    const res = await page.request.patch(`/api/internal/projects/${projectId}/traces/${ids.traceId}`, {
      headers: fromLoupePage,
      data: { public: true },
    });
    expect(res.status()).toBe(200);
  }).toPass();
  const params: Record<string, string> = {
    projectId,
    traceId: ids.traceId,
    sessionId: ids.sessionId,
    userId: ids.userId,
    datasetId: ids.datasetId,
    dashboardId: ids.dashboardId,
    queueId: ids.queueId,
    ruleId: ids.ruleId,
    "...name": `routes-${tag}`,
    // An unknown invitation: its page says the link cannot be used (a 200 page, not an error).
    token: `unknown-invitation-${tag}`,
  };
  const fill = (route: string) =>
    route.replace(/\[([^\]]+)\]/g, (_, key: string) => {
      const value = params[key];
      if (value === undefined) throw new Error(`no value for [${key}] in ${route}: add one to this test`);
      return encodeURIComponent(value);
    });
  const routes = pageRoutes();
  expect(routes.length).toBeGreaterThan(15);
  const signedOut = routes.filter((r) => r.startsWith("/auth/") || r.startsWith("/public/"));
  const signedIn = routes.filter((r) => !signedOut.includes(r));
  const query = (r: string) => (r.startsWith("/public/") ? `?projectId=${projectId}` : "");
  await visitAll(browser, signedIn.map(fill), true);
  await visitAll(
    browser,
    signedOut.map((r) => fill(r) + query(r)),
    false,
  );
});

test("the theme icon is right before hydration: a sun in dark mode, a moon in light", async ({ browser }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await signIn(page);
    const url = page.url();
    // Without the app's scripts nothing hydrates: only the server's HTML and next-themes' inline script run.
    await page.route(/\/_next\/static\/chunks\/.*\.js$/, (route) => route.abort());
    await page.goto(url);
    await expect(page.locator("html")).toHaveClass(colorScheme === "dark" ? /dark/ : /^(?!.*dark)/);
    const toggle = page.getByRole("button", { name: "Toggle dark theme" });
    await expect(toggle.locator(colorScheme === "dark" ? ".lucide-sun" : ".lucide-moon")).toBeVisible();
    await expect(toggle.locator(colorScheme === "dark" ? ".lucide-moon" : ".lucide-sun")).toBeHidden();
    await context.close();
  }
});
