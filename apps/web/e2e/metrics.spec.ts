import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import YAML from "yaml";
import { E2E_KEYS, E2E_WORKER_URL } from "../playwright.config";
import { basicAuth, e2eDatabase } from "./helpers";

// The shipped monitoring (deploy/prometheus rules, deploy/grafana dashboards) must read metrics that
// Loupe really serves: after ingesting a generation, a tool call and a score through the public API,
// every metric name they use appears in the web's or the worker's /metrics.
const root = path.resolve(import.meta.dirname, "../../..");

function shippedMetricNames(): Set<string> {
  const exprs: string[] = [];
  const rulesDir = path.join(root, "deploy/prometheus/rules");
  for (const file of fs.readdirSync(rulesDir)) {
    const groups = YAML.parse(fs.readFileSync(path.join(rulesDir, file), "utf8")).groups as { rules: { expr: string }[] }[];
    for (const g of groups) for (const r of g.rules) exprs.push(r.expr);
  }
  const dashboardsDir = path.join(root, "deploy/grafana/dashboards");
  for (const file of fs.readdirSync(dashboardsDir)) {
    const dashboard = JSON.parse(fs.readFileSync(path.join(dashboardsDir, file), "utf8")) as { panels: { targets?: { expr: string }[] }[] };
    for (const p of dashboard.panels) for (const t of p.targets ?? []) exprs.push(t.expr);
  }
  // Every series name of ours in the queries (`up` is Prometheus's own), after dropping grouping
  // clauses and label matchers, whose label names (tool_name, token_type) look like metric names.
  const names = (e: string) => e.replace(/\b(?:by|without)\s*\([^)]*\)/g, "").replace(/\{[^}]*\}/g, "");
  return new Set(exprs.flatMap((e) => [...names(e).matchAll(/\b((?:llm|tool|loupe)_[a-z0-9_]+)\b/g)].map((m) => m[1] as string)));
}

/** Series names in a Prometheus text exposition. */
const seriesNames = (text: string) => new Set([...text.matchAll(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{| )/gm)].map((m) => m[1] as string));

test("every metric the shipped alerts and dashboards use is served after ingesting data", async ({ request }) => {
  const db = e2eDatabase();
  const { rows } = await db.query<{ projectId: string }>(`SELECT "projectId" FROM "ApiKey" WHERE "publicKey" = $1`, [E2E_KEYS.publicKey]);
  await db.end();
  const projectId = rows[0]?.projectId as string;

  const traceId = randomUUID();
  const start = Date.now() - 5_000;
  const at = (ms: number) => new Date(start + ms).toISOString();
  const batch = [
    { id: randomUUID(), type: "trace-create", timestamp: at(0), body: { id: traceId, name: "metrics-e2e" } },
    {
      id: randomUUID(),
      type: "generation-create",
      timestamp: at(0),
      body: {
        id: randomUUID(),
        traceId,
        name: "answer",
        model: "gpt-4o-mini",
        startTime: at(0),
        completionStartTime: at(300),
        endTime: at(1200),
        usageDetails: { input: 120, output: 40, input_cached: 20, output_reasoning: 10 },
      },
    },
    {
      id: randomUUID(),
      type: "tool-create",
      timestamp: at(1300),
      body: { id: randomUUID(), traceId, name: "search_docs", startTime: at(1300), endTime: at(1500), level: "ERROR" },
    },
    {
      id: randomUUID(),
      type: "score-create",
      timestamp: at(1600),
      body: { id: randomUUID(), traceId, name: "helpfulness", value: 0.9, dataType: "NUMERIC" },
    },
  ];
  const ingested = await request.post("/api/public/ingestion", { data: { batch }, headers: { authorization: basicAuth() } });
  expect(ingested.status()).toBe(207);

  // The worker counts the batch once it has merged it: wait for this project's tool error (other specs
  // count gpt-4o-mini generations too, so a generation line alone could be theirs).
  const toolErrors = new RegExp(`tool_executions_total\\{project="${projectId}",tool_name="search_docs",status="error"\\} [1-9]`);
  let worker = "";
  await expect
    .poll(
      async () => {
        worker = await (await request.get(`${E2E_WORKER_URL}/metrics`)).text();
        return toolErrors.test(worker);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  expect(worker).toContain(`llm_requests_total{project="${projectId}",model="gpt-4o-mini",status="success"}`);
  expect(worker).toMatch(/llm_tokens_total\{[^}]*token_type="reasoning"\} [1-9]/);

  const web = await (await request.get("/metrics")).text();
  expect(web).toMatch(/loupe_ingestion_events_total\{source="ingestion",outcome="accepted"\} [1-9]/);
  expect(web).toMatch(/loupe_http_request_duration_seconds_count\{route="\/api\/public\/ingestion",method="POST",status="207"\} [1-9]/);

  const served = new Set([...seriesNames(worker), ...seriesNames(web)]);
  const shipped = shippedMetricNames();
  expect(shipped.size).toBeGreaterThan(15);
  expect([...shipped].filter((name) => !served.has(name)).sort()).toEqual([]);
});

test("the web serves Prometheus metrics at /metrics without a session", async ({ request }) => {
  const response = await request.get("/metrics");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  const body = await response.text();
  expect(body).toMatch(/^loupe_web_process_resident_memory_bytes \d+/m);
  expect(body).toMatch(/^loupe_web_nodejs_eventloop_lag_seconds [\d.e-]+/m);
});
