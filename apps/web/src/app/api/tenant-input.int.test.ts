import "@/testing/next-environment";
import { randomUUID } from "node:crypto";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { processIngestionBatch } from "@loupe/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callRoute, createSignedInTenant, type RouteHandler } from "@/testing/call-route";
import * as nextAuthRoute from "./auth/[...nextauth]/route";
import * as maskingRoute from "./internal/projects/[projectId]/settings/masking/route";
import * as internalTracesRoute from "./internal/projects/[projectId]/traces/route";
import * as healthRoute from "./public/health/route";
import * as ingestionRoute from "./public/ingestion/route";
import * as modelRoute from "./public/models/[modelId]/route";
import * as modelsRoute from "./public/models/route";
import * as otelRoute from "./public/otel/v1/traces/route";
import * as traceRoute from "./public/traces/[traceId]/route";
import * as tracesRoute from "./public/traces/route";

// The findings, each through the real route handlers against Postgres and Redis: tenant regexes
// that used to stall the shared process, and hostile bytes and numbers that used to answer 500.

const BASE = "http://loupe.test";
let tenant: { projectId: string; basic: string; cookie: string };

beforeAll(async () => {
  tenant = await createSignedInTenant(nextAuthRoute as unknown as { GET: RouteHandler; POST: RouteHandler }, BASE);
});

afterAll(async () => {
  await closeQueues();
});

const asApiKey = (extra: Record<string, string> = {}) => ({ authorization: tenant.basic, "content-type": "application/json", ...extra });
// A signed-in call stands for a Loupe page's own fetch (refuseCrossSiteMutation), whatever NEXTAUTH_URL is.
// callRoute marks every call same-origin, as a Loupe page's own fetch.
const asUser = () => ({ cookie: tenant.cookie, "content-type": "application/json" });
const internal = (path: string) => `${BASE}/api/internal/projects/${tenant.projectId}${path}`;

function putMasking(customRules: { name: string; pattern: string; replacement?: string }[]) {
  return callRoute(maskingRoute.PUT as RouteHandler, {
    url: internal("/settings/masking"),
    method: "PUT",
    headers: asUser(),
    params: { projectId: tenant.projectId },
    body: JSON.stringify({ enabled: true, customRules }),
  });
}

async function ingest(batch: unknown[]) {
  const response = await callRoute(ingestionRoute.POST as RouteHandler, {
    url: `${BASE}/api/public/ingestion`,
    method: "POST",
    headers: asApiKey(),
    body: JSON.stringify({ batch }),
  });
  return response;
}

/** Merges every stored, unprocessed batch of the tenant (the worker's job, run here). */
async function mergeStored() {
  const stored = await prisma.ingestionBatch.findMany({ where: { projectId: tenant.projectId, processedAt: null } });
  for (const b of stored) await processIngestionBatch(b.id);
}

const event = (type: string, body: Record<string, unknown>) => ({ id: randomUUID(), type, timestamp: new Date().toISOString(), body });

describe("tenant regular expressions run in linear time", () => {
  it("refuses a masking rule RE2 cannot run with a 400 that says why", async () => {
    for (const [pattern, reason] of [
      ["(\\w)\\1", /backreferences/],
      ["secret(?=:)", /lookahead or lookbehind/],
    ] as const) {
      const response = await putMasking([{ name: "bad", pattern }]);
      expect(response.status).toBe(400);
      expect((await response.json()).title).toMatch(reason);
    }
  });

  it("refuses a model matchPattern RE2 cannot run, on create and on upsert", async () => {
    const body = JSON.stringify({ modelName: "lookahead", matchPattern: "(?i)^gpt(?=-4)", inputPrice: 1 });
    const created = await callRoute(modelsRoute.POST as RouteHandler, {
      url: `${BASE}/api/public/models`,
      method: "POST",
      headers: asApiKey(),
      body,
    });
    expect(created.status).toBe(400);
    expect((await created.json()).message).toMatch(/lookahead or lookbehind.*RE2/);
    const upserted = await callRoute(modelRoute.PUT as RouteHandler, {
      url: `${BASE}/api/public/models/m-${randomUUID()}`,
      method: "PUT",
      headers: asApiKey(),
      params: { modelId: `m-${randomUUID()}` },
      body,
    });
    expect(upserted.status).toBe(400);
  });

  it("masks with the issue's rule (a+)+$ while a health check answers at once", async () => {
    expect((await putMasking([{ name: "evil", pattern: "(a+)+$", replacement: "[A]" }])).status).toBe(200);
    // 200 events of ~8 KB; with JavaScript's RegExp one 30-byte value alone held the process for seconds.
    const value = `${"a".repeat(30)}! ${"a".repeat(8000)}!`;
    const batch = Array.from({ length: 200 }, () =>
      event("trace-create", { id: randomUUID(), input: value, output: "aaaa", metadata: { note: value } }),
    );
    let done = false;
    const ingestion = ingest(batch).finally(() => {
      done = true;
    });
    const healthLatencies: number[] = [];
    while (!done) {
      const started = performance.now();
      const health = await callRoute(healthRoute.GET as RouteHandler, { url: `${BASE}/api/public/health` });
      expect(health.status).toBe(200);
      if (!done) healthLatencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await ingestion).status).toBe(207);
    expect(healthLatencies.length).toBeGreaterThan(0);
    expect(Math.max(...healthLatencies)).toBeLessThan(250);
    const raw = JSON.stringify((await prisma.ingestionBatch.findFirstOrThrow({ where: { projectId: tenant.projectId } })).events);
    expect(raw).toContain("[A]");
  });

  it("prices a generation against the issue's model pattern (?i)^(a+)+$ without stalling the merge", async () => {
    const model = await callRoute(modelsRoute.POST as RouteHandler, {
      url: `${BASE}/api/public/models`,
      method: "POST",
      headers: asApiKey(),
      body: JSON.stringify({ modelName: "evil", matchPattern: "(?i)^(a+)+$", inputPrice: 1 }),
    });
    expect(model.status).toBe(200);
    const traceId = randomUUID();
    const response = await ingest([
      event("generation-create", { id: randomUUID(), traceId, model: `${"a".repeat(28)}!`, usageDetails: { input: 1 } }),
      event("generation-create", { id: randomUUID(), traceId, model: "aaaa", usageDetails: { input: 2 } }),
    ]);
    expect(response.status).toBe(207);
    const started = performance.now();
    await mergeStored();
    expect(performance.now() - started).toBeLessThan(5_000);
    const costs = await prisma.observation.findMany({
      where: { projectId: tenant.projectId, traceId },
      select: { model: true, totalCost: true },
    });
    expect(costs.find((o) => o.model === "aaaa")?.totalCost?.toNumber()).toBe(2);
    expect(costs.find((o) => o.model !== "aaaa")?.totalCost).toBeNull();
  });
});

describe("NUL bytes and out-of-range numbers are 400s, never 500s", () => {
  const getTraces = (query: Record<string, string>, headers = asApiKey()) =>
    callRoute(tracesRoute.GET as RouteHandler, { url: `${BASE}/api/public/traces?${new URLSearchParams(query)}`, headers });

  it("answers a NUL in the Basic auth public key with a 4xx, not a 500 before authentication", async () => {
    const authorization = `Basic ${Buffer.from("pk-lf-a\u0000b:sk-lf-x").toString("base64")}`;
    const response = await getTraces({}, asApiKey({ authorization }));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it.each<Record<string, string>>([{ name: "\u0000" }, { userId: "a\u0000b" }, { tags: "\u0000" }, { sessionId: "\u0000" }])(
    "answers %j with 400 naming NUL",
    async (query) => {
      const response = await getTraces(query);
      expect(response.status).toBe(400);
      expect((await response.json()).message).toMatch(/NUL/);
    },
  );

  it("answers a NUL in a path id and in a JSON filter value with 400", async () => {
    const byId = await callRoute(traceRoute.GET as RouteHandler, {
      url: `${BASE}/api/public/traces/a%00b`,
      headers: asApiKey(),
      params: { traceId: "a\u0000b" },
    });
    expect(byId.status).toBe(400);
    const filter = JSON.stringify([{ type: "string", column: "name", operator: "=", value: "a\u0000b" }]);
    expect((await getTraces({ filter })).status).toBe(400);
  });

  it("answers the UI's search with a NUL with 400", async () => {
    const response = await callRoute(internalTracesRoute.GET as RouteHandler, {
      url: `${internal("/traces")}?search=${encodeURIComponent("a\u0000b")}`,
      headers: asUser(),
      params: { projectId: tenant.projectId },
    });
    expect(response.status).toBe(400);
  });

  it("stores ingested text with NUL as U+FFFD, over REST and OTLP", async () => {
    const traceId = randomUUID();
    const rest = await ingest([
      event("trace-create", { id: traceId, name: "a\u0000b", userId: "u\u0000", tags: ["t\u0000"], input: { "k\u0000": "v\u0000" } }),
    ]);
    expect(rest.status).toBe(207);
    expect((await rest.json()).errors).toEqual([]);
    const otelTraceId = "0123456789abcdef0123456789abcdef";
    const otlp = await callRoute(otelRoute.POST as RouteHandler, {
      url: `${BASE}/api/public/otel/v1/traces`,
      method: "POST",
      headers: asApiKey(),
      body: JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: otelTraceId,
                    spanId: "0123456789abcdef",
                    name: "span\u0000name",
                    startTimeUnixNano: "1764547200000000000",
                    endTimeUnixNano: "1764547201000000000",
                    attributes: [{ key: "input.value", value: { stringValue: "in\u0000put" } }],
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    expect(otlp.status).toBeLessThan(300);
    await mergeStored();
    const trace = await prisma.trace.findFirstOrThrow({ where: { projectId: tenant.projectId, id: traceId } });
    expect(trace).toMatchObject({ name: "a\ufffdb", userId: "u\ufffd", tags: ["t\ufffd"], input: { "k\ufffd": "v\ufffd" } });
    const span = await prisma.observation.findFirstOrThrow({ where: { projectId: tenant.projectId, traceId: otelTraceId } });
    expect(span.name).toBe("span\ufffdname");
  });

  it('filters numberObject on metadata holding "1e999" without a Postgres overflow', async () => {
    const huge = randomUUID();
    const small = randomUUID();
    const tag = `n-${randomUUID()}`;
    await ingest([
      event("trace-create", { id: huge, tags: [tag], metadata: { n: "1e999" } }),
      event("trace-create", { id: small, tags: [tag], metadata: { n: "5" } }),
    ]);
    await mergeStored();
    const ids = async (operator: string, value: number) => {
      const filter = JSON.stringify([{ type: "numberObject", column: "metadata", key: "n", operator, value }]);
      const response = await getTraces({ tags: tag, filter });
      expect(response.status).toBe(200);
      return ((await response.json()).data as { id: string }[]).map((t) => t.id).sort();
    };
    expect(await ids(">", 10)).toEqual([huge]);
    expect(await ids("<", 10)).toEqual([small]);
    expect(await ids(">", 1e308)).toEqual([huge]);
  });

  it("merges a batch whose usage, cost or prompt version exceeds what the columns hold, instead of losing it", async () => {
    const traceId = randomUUID();
    const generation = (extra: Record<string, unknown>) =>
      event("generation-create", { id: randomUUID(), traceId, model: "gpt-4o", ...extra });
    const response = await ingest([
      event("trace-create", { id: traceId, name: "overflowing" }),
      generation({ usageDetails: { input: 1e12, output: 1 } }),
      generation({ costDetails: { total: 1e12 } }),
      generation({ usageDetails: { input: 2_000_000_000 } }),
      generation({ usageDetails: { input: 2_000_000_000 } }),
      generation({ promptName: "p", promptVersion: 1e10 }),
    ]);
    const body = await response.json();
    // An int4 prompt version is part of the event schema: that one event is refused, the others accepted.
    expect(body.successes).toHaveLength(5);
    expect(body.errors).toEqual([expect.objectContaining({ status: 400 })]);
    await mergeStored();
    const stored = await prisma.observation.findMany({
      where: { projectId: tenant.projectId, traceId },
      select: { inputTokens: true, totalCost: true },
    });
    expect(stored).toHaveLength(4);
    expect(stored.map((o) => o.inputTokens).sort()).toEqual([2_000_000_000, 2_000_000_000, null, null]);
    // The trace's rollup saturates at int4 instead of overflowing on 2e9 + 2e9.
    const trace = await prisma.trace.findFirstOrThrow({ where: { projectId: tenant.projectId, id: traceId } });
    expect(trace.inputTokens).toBe(2_147_483_647);
    const unprocessed = await prisma.ingestionBatch.count({ where: { projectId: tenant.projectId, processedAt: null } });
    expect(unprocessed).toBe(0);
  });
});
