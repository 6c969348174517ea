import { randomUUID } from "node:crypto";
import { LangfuseClient } from "@langfuse/client";
import { expect, test } from "@playwright/test";
import { Langfuse } from "langfuse";
import { E2E_BASE_URL, E2E_KEYS } from "../playwright.config";
import { basicAuth, sendAgentTrace } from "./helpers";

// The official SDKs read back what they wrote through Loupe's Langfuse-compatible read API.
// Ingestion is processed by the worker asynchronously, so reads poll until the data is there.

const legacy = () => new Langfuse({ ...E2E_KEYS, baseUrl: E2E_BASE_URL, flushAt: 1, flushInterval: 100 });
const client = () => new LangfuseClient({ ...E2E_KEYS, baseUrl: E2E_BASE_URL });

async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await read();
      if (ready(value) || Date.now() > deadline) return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

test.describe("official SDKs against the read and management API", () => {
  test("legacy langfuse v3: write a trace tree and a score, read them back", async () => {
    const langfuse = legacy();
    const sessionId = `sdk-session-${randomUUID()}`;
    const userId = `sdk-user-${randomUUID()}`;
    const trace = langfuse.trace({ name: "sdk-v3-trace", userId, sessionId, tags: ["sdk"], input: { q: "hi" } });
    const span = trace.span({ name: "retrieve", input: { query: "docs" } });
    const generation = span.generation({
      name: "answer",
      model: "gpt-4o",
      input: [{ role: "user", content: "hi" }],
      usageDetails: { input: 1000, output: 200 },
    });
    generation.end({ output: { role: "assistant", content: "hello" } });
    span.end();
    trace.event({ name: "done" });
    langfuse.score({ traceId: trace.id, name: "quality", value: 0.75 });
    await langfuse.flushAsync();

    const full = await eventually(
      () => langfuse.fetchTrace(trace.id),
      (r) => r.data.observations.length === 3 && r.data.scores.length === 1 && r.data.totalCost > 0,
    );
    expect(full.data).toMatchObject({ id: trace.id, name: "sdk-v3-trace", userId, sessionId, tags: ["sdk"], input: { q: "hi" } });
    const gen = full.data.observations.find((o) => o.id === generation.id);
    expect(gen).toMatchObject({ type: "GENERATION", parentObservationId: span.id, model: "gpt-4o", modelId: "builtin-gpt-4o" });
    expect(gen?.calculatedTotalCost).toBeCloseTo(1000 * 2.5e-6 + 200 * 1e-5, 10);
    expect(full.data.scores[0]).toMatchObject({ name: "quality", value: 0.75 });

    const list = await langfuse.fetchTraces({ userId });
    expect(list.meta).toMatchObject({ totalItems: 1, totalPages: 1 });
    expect(list.data[0]).toMatchObject({ id: trace.id, htmlPath: expect.stringContaining(`/traces/${trace.id}`) });
    expect(list.data[0]?.observations).toHaveLength(3);

    const generations = await langfuse.fetchObservations({ traceId: trace.id, type: "GENERATION" });
    expect(generations.data.map((o) => o.id)).toEqual([generation.id]);
    const one = await langfuse.fetchObservation(span.id);
    expect(one.data).toMatchObject({ id: span.id, name: "retrieve", traceId: trace.id });

    const sessions = await langfuse.fetchSessions({ limit: 100 });
    expect(sessions.data.map((s) => s.id)).toContain(sessionId);
    await langfuse.shutdownAsync();
  });

  test("@langfuse/client: traces, observations v2, sessions, projects, scores, models", async ({ request }) => {
    const lf = client();
    const { traceId, generationId } = await sendAgentTrace(request, { name: `client-${randomUUID()}` });

    const projects = await lf.api.projects.get();
    expect(projects.data).toHaveLength(1);
    expect(projects.data[0]).toMatchObject({ name: "E2E Project", organization: { name: "E2E Org" } });

    const trace = await eventually(
      () => lf.api.trace.get(traceId),
      (t) => t.observations.length === 4,
    );
    expect(trace.observations.find((o) => o.id === generationId)).toMatchObject({
      type: "GENERATION",
      usageDetails: { input: 1200, output: 300, total: 1500 },
      timeToFirstToken: expect.closeTo(0.38, 3),
    });

    const observations = await lf.api.observations.getMany({ traceId, fields: "core,basic,usage,model", limit: 2 });
    expect(observations.data).toHaveLength(2);
    expect(observations.meta.cursor).toBeTruthy();
    const rest = await lf.api.observations.getMany({
      traceId,
      fields: "core,basic,usage,model",
      limit: 2,
      cursor: observations.meta.cursor,
    });
    const all = [...observations.data, ...rest.data];
    expect(new Set(all.map((o) => o.id)).size).toBe(4);
    expect(all.find((o) => o.id === generationId)).toMatchObject({ modelId: "builtin-gpt-4o", inputPrice: "0.0000025" });

    const session = await lf.api.sessions.get("session-7");
    expect(session.traces.map((t) => t.id)).toContain(traceId);

    const listed = await lf.api.trace.list({ name: trace.name ?? undefined, fields: "core,metrics" });
    expect(listed.data.map((t) => t.id)).toEqual([traceId]);
    expect(listed.data[0]?.totalCost).toBeGreaterThan(0);

    const scoreId = randomUUID();
    lf.score.create({ id: scoreId, traceId, observationId: generationId, name: "helpfulness", value: 1, dataType: "BOOLEAN" });
    await lf.score.flush();
    const score = await eventually(
      () => request.get(`/api/public/v2/scores/${scoreId}`, { headers: { authorization: basicAuth() } }),
      (r) => r.status() === 200,
    );
    expect(await score.json()).toMatchObject({
      id: scoreId,
      dataType: "BOOLEAN",
      value: 1,
      stringValue: "True",
      observationId: generationId,
    });

    const model = await lf.api.models.create({
      modelName: `custom-${randomUUID()}`,
      matchPattern: "(?i)^custom-sdk$",
      unit: "TOKENS",
      inputPrice: 0.5,
      outputPrice: 1,
    });
    expect(model).toMatchObject({ isLangfuseManaged: false, inputPrice: 0.5, outputPrice: 1 });
    expect(await lf.api.models.get(model.id)).toMatchObject({ id: model.id });
    const models = await lf.api.models.list({ limit: 100 });
    expect(models.data[0]?.id).toBe(model.id);
    expect(models.data.some((m) => m.isLangfuseManaged)).toBe(true);
    await lf.api.models.delete(model.id);
    await expect(lf.api.models.get(model.id)).rejects.toMatchObject({ statusCode: 404 });

    await lf.api.trace.delete(traceId);
    await expect(lf.api.trace.get(traceId)).rejects.toMatchObject({ statusCode: 404 });
    await lf.shutdown();
  });

  test("@langfuse/client: JSON filters, score-config updates, metrics histograms, model upsert", async ({ request }) => {
    const lf = client();
    const name = `filtered-${randomUUID()}`;
    const { traceId, generationId } = await sendAgentTrace(request, { name });

    const traceFilter = JSON.stringify([
      { type: "string", column: "name", operator: "=", value: name },
      { type: "arrayOptions", column: "tags", operator: "all of", value: ["production", "agent"] },
      { type: "number", column: "totalCost", operator: ">", value: 0 },
    ]);
    const traces = await eventually(
      () => lf.api.trace.list({ filter: traceFilter, fields: "core,metrics" }),
      // Page and count are two reads: wait until the worker's writes are in both.
      (r) => r.data.length === 1 && r.meta.totalItems === 1,
    );
    expect(traces.meta).toMatchObject({ totalItems: 1, totalPages: 1 });
    expect(traces.data[0]).toMatchObject({ id: traceId, name, tags: ["agent", "production"], userId: "user-42" });
    expect(traces.data[0]?.totalCost).toBeGreaterThan(0);
    const generations = await lf.api.observations.getMany({
      traceId,
      fields: "core,basic,usage",
      filter: JSON.stringify([{ type: "number", column: "inputTokens", operator: ">=", value: 1000 }]),
    });
    expect(generations.data.map((o) => o.id)).toEqual([generationId]);
    expect(generations.data[0]).toMatchObject({ type: "GENERATION", usageDetails: { input: 1200, output: 300 } });
    await expect(
      lf.api.trace.list({ filter: JSON.stringify([{ type: "string", column: "tags", operator: "=", value: "x" }]) }),
    ).rejects.toMatchObject({
      statusCode: 400,
      body: { message: expect.stringContaining('column "tags" does not take string conditions') },
    });

    const config = await lf.api.scoreConfigs.create({
      name: `grade-${randomUUID().slice(0, 8)}`,
      dataType: "NUMERIC",
      minValue: 0,
      maxValue: 10,
    });
    const archived = await lf.api.scoreConfigs.update(config.id, { isArchived: true, maxValue: 5, description: "retired" });
    expect(archived).toMatchObject({
      id: config.id,
      isArchived: true,
      minValue: 0,
      maxValue: 5,
      description: "retired",
      dataType: "NUMERIC",
    });
    expect(await lf.api.scoreConfigs.getById(config.id)).toMatchObject({ isArchived: true, maxValue: 5 });
    await expect(lf.api.scoreConfigs.update(config.id, { minValue: 6 })).rejects.toMatchObject({ statusCode: 400 });

    const scoreId = randomUUID();
    lf.score.create({ id: scoreId, traceId, name: "grade", value: 4, metadata: { reviewer: "e2e" } });
    await lf.score.flush();
    const scoreFilter = JSON.stringify([{ type: "stringObject", column: "metadata", key: "reviewer", operator: "=", value: "e2e" }]);
    const scores = await eventually(
      () => lf.api.scores.getMany({ traceId, filter: scoreFilter }),
      (r) => r.data.length === 1,
    );
    expect(scores.data[0]).toMatchObject({ id: scoreId, name: "grade", value: 4, dataType: "NUMERIC", metadata: { reviewer: "e2e" } });
    const v1 = await request.get(`/api/public/scores?name=grade&operator=%3E%3D&value=4`, { headers: { authorization: basicAuth() } });
    expect(v1.status()).toBe(200);
    expect((await v1.json()).data.map((x: { id: string }) => x.id)).toContain(scoreId);

    const range = {
      fromTimestamp: new Date(Date.now() - 3_600_000).toISOString(),
      toTimestamp: new Date(Date.now() + 60_000).toISOString(),
    };
    const histogramQuery = {
      view: "observations",
      metrics: [
        { measure: "latency", aggregation: "histogram" },
        { measure: "count", aggregation: "count" },
      ],
      filters: [{ type: "string", column: "traceName", operator: "=", value: name }],
      config: { bins: 4 },
      ...range,
    };
    for (const metrics of [
      await lf.api.metrics.metrics({ query: JSON.stringify(histogramQuery) }),
      await lf.api.legacy.metricsV1.metrics({ query: JSON.stringify(histogramQuery) }),
    ]) {
      expect(metrics.data).toHaveLength(1);
      expect(metrics.data[0]?.count_count).toBe(4);
      const bins = metrics.data[0]?.histogram_latency as [number, number, number][];
      expect(bins).toHaveLength(4);
      expect(bins.reduce((sum, [, , height]) => sum + height, 0)).toBe(4);
      expect(bins[0]?.[0]).toBe(200);
      expect(bins[3]?.[1]).toBe(2400);
    }

    const modelId = `e2e-model-${randomUUID()}`;
    const upserted = await lf.api.models.upsert(modelId, {
      modelName: `house-${randomUUID()}`,
      matchPattern: "(?i)^house$",
      unit: "TOKENS",
      inputPrice: 1,
      outputPrice: 2,
    });
    expect(upserted).toMatchObject({ id: modelId, inputPrice: 1, outputPrice: 2, isLangfuseManaged: false });
    const replaced = await lf.api.models.upsert(modelId, {
      modelName: upserted.modelName,
      matchPattern: "(?i)^house$",
      unit: "TOKENS",
      inputPrice: 3,
      outputPrice: 4,
    });
    expect(replaced).toMatchObject({ id: modelId, inputPrice: 3, outputPrice: 4, prices: { input: { price: 3 }, output: { price: 4 } } });
    await expect(
      lf.api.models.upsert("builtin-gpt-4o", { modelName: "gpt-4o", matchPattern: "x", unit: "TOKENS", inputPrice: 1 }),
    ).rejects.toMatchObject({
      statusCode: 403,
    });
    await lf.api.models.delete(modelId);
    await lf.shutdown();
  });

  test("public API errors use Langfuse's shapes", async ({ request }) => {
    const headers = { authorization: basicAuth() };
    const missing = await request.get("/api/public/traces/does-not-exist", { headers });
    expect(missing.status()).toBe(404);
    expect(await missing.json()).toEqual({
      message: "Trace does-not-exist not found within authorized project",
      error: "LangfuseNotFoundError",
    });
    const badQuery = await request.get("/api/public/traces?limit=500", { headers });
    expect(badQuery.status()).toBe(400);
    expect(await badQuery.json()).toMatchObject({ message: "Invalid request data", error: expect.any(Array) });
    const badFilter = await request.get(`/api/public/traces?filter=${encodeURIComponent("{nope")}`, { headers });
    expect(badFilter.status()).toBe(400);
    expect(await badFilter.json()).toMatchObject({
      message: "Invalid request data",
      error: [
        expect.objectContaining({ path: ["filter"], message: "filter is not valid JSON; expected a JSON array of filter conditions" }),
      ],
    });
    const badScore = await request.post("/api/public/scores", { headers, data: { name: "x", value: 1 } });
    expect(badScore.status()).toBe(400);
    const bearer = { authorization: `Bearer ${E2E_KEYS.publicKey}` };
    expect((await request.get("/api/public/traces", { headers: bearer })).status()).toBe(403);
    const bearerScore = await request.post("/api/public/scores", { headers: bearer, data: { traceId: "t", name: "thumbs", value: 1 } });
    expect(bearerScore.status()).toBe(200);
    expect(await bearerScore.json()).toEqual({ id: expect.any(String) });
    const builtin = await request.delete("/api/public/models/builtin-gpt-4o", { headers });
    expect(builtin.status()).toBe(404);
    expect((await builtin.json()).message).toContain("built-in");
  });
});
