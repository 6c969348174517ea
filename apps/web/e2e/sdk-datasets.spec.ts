import { randomUUID } from "node:crypto";
import { LangfuseClient } from "@langfuse/client";
import { LangfuseSpanProcessor } from "@langfuse/otel";
import { setLangfuseTracerProvider, startActiveObservation } from "@langfuse/tracing";
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { Langfuse } from "langfuse";
import { E2E_BASE_URL, E2E_KEYS } from "../playwright.config";
import { basicAuth } from "./helpers";

// Experiments from code: the official SDKs' dataset APIs against Loupe, checked through the public API.

const headers = { Authorization: basicAuth(), "content-type": "application/json" };

async function api(request: APIRequestContext, method: "GET" | "POST" | "DELETE", path: string, data?: unknown) {
  const res = await request.fetch(`/api/public/${path}`, {
    method,
    headers,
    ...(data === undefined ? {} : { data: Buffer.from(typeof data === "string" ? data : JSON.stringify(data)) }),
  });
  return { status: res.status(), body: await res.json() };
}

test.describe("datasets and experiments from the official SDKs", () => {
  test("@langfuse/client: dataset API and the experiment runner produce a run linked to the task's traces", async ({ request }) => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const provider = new BasicTracerProvider({
      spanProcessors: [new LangfuseSpanProcessor({ ...E2E_KEYS, baseUrl: E2E_BASE_URL, exportMode: "immediate" })],
    });
    setLangfuseTracerProvider(provider);
    const lf = new LangfuseClient({ ...E2E_KEYS, baseUrl: E2E_BASE_URL });
    const name = `capitals/${randomUUID().slice(0, 8)}`;

    const created = await lf.api.datasets.create({
      name,
      description: "capital cities",
      metadata: { owner: "e2e" },
      inputSchema: { type: "object", properties: { country: { type: "string" } }, required: ["country"] },
    });
    expect(created).toMatchObject({ name, description: "capital cities", inputSchema: { required: ["country"] } });
    const countries = { France: "Paris", Japan: "Tokyo", Peru: "Lima" };
    for (const [country, capital] of Object.entries(countries))
      await lf.api.datasetItems.create({ datasetName: name, input: { country }, expectedOutput: capital, metadata: { country } });
    await expect(lf.api.datasetItems.create({ datasetName: name, input: { city: "Oslo" } })).rejects.toMatchObject({ statusCode: 400 });

    const dataset = await lf.dataset.get(name, { fetchItemsPageSize: 2 });
    expect(dataset.items).toHaveLength(3);
    const runName = `experiment-${randomUUID().slice(0, 8)}`;
    const result = await dataset.runExperiment({
      name: "capital lookup",
      runName,
      description: "deterministic task",
      metadata: { model: "lookup-table" },
      task: async (item) =>
        startActiveObservation("lookup", async (span) => {
          const country = (item.input as { country: string }).country;
          span.update({ input: { country }, output: countries[country as keyof typeof countries] });
          return countries[country as keyof typeof countries];
        }),
      evaluators: [async ({ output, expectedOutput }) => ({ name: "exact_match", value: output === expectedOutput ? 1 : 0 })],
    });
    await provider.forceFlush();
    await provider.shutdown();

    expect(result.runName).toBe(runName);
    expect(result.itemResults).toHaveLength(3);
    expect(result.datasetRunId).toBeTruthy();
    const taskTraces = result.itemResults.map((r) => r.traceId as string).sort();

    // The run, read back through the public API, links every item to the trace its task produced.
    const run = await api(request, "GET", `datasets/${encodeURIComponent(name)}/runs/${encodeURIComponent(runName)}`);
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ id: result.datasetRunId, name: runName, description: "deterministic task", datasetName: name });
    expect(run.body.metadata).toMatchObject({ model: "lookup-table" });
    expect(run.body.datasetRunItems.map((i: { traceId: string }) => i.traceId).sort()).toEqual(taskTraces);
    expect(new Set(run.body.datasetRunItems.map((i: { datasetItemId: string }) => i.datasetItemId))).toEqual(
      new Set(dataset.items.map((i) => i.id)),
    );
    const runItems = await lf.api.datasetRunItems.list({ datasetId: dataset.id, runName });
    expect(runItems.meta.totalItems).toBe(3);
    const runs = await lf.api.datasets.getRuns(name);
    expect(runs.data.map((r) => r.name)).toEqual([runName]);

    // The traces and the evaluator's scores arrive through ingestion.
    for (const traceId of taskTraces) {
      await expect
        .poll(
          async () => {
            const trace = await lf.api.trace.get(traceId).catch(() => null);
            return trace
              ? {
                  names: trace.observations.map((o) => o.name).sort(),
                  scores: trace.scores.map((s) => [s.name, "value" in s ? s.value : null]),
                }
              : null;
          },
          { timeout: 30_000 },
        )
        .toEqual({ names: ["experiment-item-run", "lookup"], scores: [["exact_match", 1]] });
    }
  });

  test("legacy langfuse v3: createDataset, getDataset and item.link(trace, runName) work unchanged", async ({ request }) => {
    const langfuse = new Langfuse({ ...E2E_KEYS, baseUrl: E2E_BASE_URL, flushAt: 1, flushInterval: 100 });
    const name = `legacy/${randomUUID().slice(0, 8)}`;
    const created = await langfuse.createDataset({ name, description: "legacy flow" });
    expect(created).toMatchObject({ name, items: [], runs: [] });
    await langfuse.createDatasetItem({ datasetName: name, id: `${name}-a`, input: { text: "a" }, expectedOutput: "A" });
    await langfuse.createDatasetItem({ datasetName: name, input: { text: "b" }, expectedOutput: "B" });
    await langfuse.createDatasetItem({ datasetName: name, input: { text: "archived" }, status: "ARCHIVED" });

    const dataset = await langfuse.getDataset(name);
    expect(dataset.items).toHaveLength(3);
    const runName = `legacy-run-${randomUUID().slice(0, 8)}`;
    const linked: { itemId: string; traceId: string; observationId: string | null }[] = [];
    for (const item of dataset.items.filter((i) => i.status === "ACTIVE")) {
      const trace = langfuse.trace({ name: "legacy-app", input: item.input });
      const generation = trace.generation({ name: "upper", input: item.input });
      generation.end({ output: String((item.input as { text: string }).text).toUpperCase() });
      // Link the trace for one item and the generation for the other, as apps do.
      const target = linked.length === 0 ? trace : generation;
      await item.link(target, runName, { description: "legacy run", metadata: { sdk: "v3" } });
      linked.push({ itemId: item.id, traceId: trace.id, observationId: target === trace ? null : generation.id });
    }
    await langfuse.flushAsync();

    const run = await langfuse.getDatasetRun({ datasetName: name, runName });
    expect(run).toMatchObject({ name: runName, description: "legacy run", metadata: { sdk: "v3" }, datasetName: name });
    const got = run.datasetRunItems.map((i) => ({ itemId: i.datasetItemId, traceId: i.traceId, observationId: i.observationId }));
    expect(got.sort((a, b) => a.itemId.localeCompare(b.itemId))).toEqual(linked.sort((a, b) => a.itemId.localeCompare(b.itemId)));
    const runs = await langfuse.getDatasetRuns(name);
    expect(runs.data.map((r) => r.name)).toEqual([runName]);

    // An archived item cannot join a run.
    const archived = dataset.items.find((i) => i.status === "ARCHIVED");
    const refused = await api(request, "POST", "dataset-run-items", { runName, datasetItemId: archived?.id, traceId: randomUUID() });
    expect(refused.status).toBe(404);

    const deleted = await api(request, "DELETE", `datasets/${encodeURIComponent(name)}/runs/${encodeURIComponent(runName)}`);
    expect(deleted).toEqual({ status: 200, body: { message: "Dataset run successfully deleted" } });
    expect((await api(request, "GET", `datasets/${encodeURIComponent(name)}/runs/${encodeURIComponent(runName)}`)).status).toBe(404);
    await langfuse.shutdownAsync();
  });

  test("bad input answers a clear 4xx and writes nothing", async ({ request }) => {
    const name = `strict-${randomUUID().slice(0, 8)}`;
    const schema = { type: "object", properties: { q: { type: "string" } }, required: ["q"] };
    expect((await api(request, "POST", "v2/datasets", { name, inputSchema: schema })).status).toBe(200);
    expect((await api(request, "GET", `v2/datasets/${encodeURIComponent(name)}`)).body).toMatchObject({ name, inputSchema: schema });

    const cases: [string, unknown, number, RegExp][] = [
      ["unknown dataset", { datasetName: "no-such-dataset", input: { q: "x" } }, 404, /Dataset no-such-dataset not found/],
      [
        "item failing the schema",
        { datasetName: name, id: `${name}-bad`, input: { q: 5 } },
        400,
        /input does not match the dataset's schema/,
      ],
      ["malformed JSON", `{"datasetName": "${name}", "input": `, 400, /not valid JSON/],
      ["NUL in the dataset name", { datasetName: "a\u0000b", input: { q: "x" } }, 400, /control characters/],
      ["a 64 KB dataset name", { datasetName: "n".repeat(65_536), input: { q: "x" } }, 400, /at most 255/],
      ["a 64 KB item id", { datasetName: name, id: "i".repeat(65_536), input: { q: "x" } }, 400, /at most 255/],
      ["an unknown status", { datasetName: name, input: { q: "x" }, status: "DELETED" }, 400, /Invalid request data/],
    ];
    for (const [label, body, status, message] of cases) {
      const res = await api(request, "POST", "dataset-items", body);
      expect(res.status, label).toBe(status);
      expect(JSON.stringify(res.body), label).toMatch(message);
    }
    const listed = await api(request, "GET", `dataset-items?datasetName=${encodeURIComponent(name)}`);
    expect(listed.body.meta.totalItems).toBe(0);
    expect((await api(request, "GET", `dataset-items/${encodeURIComponent(`${name}-bad`)}`)).status).toBe(404);

    // Content that is odd but valid is stored: NULs as U+FFFD, huge numbers as JSON allows, a 64 KB string.
    const odd = await api(
      request,
      "POST",
      "dataset-items",
      `{"datasetName":"${name}","input":{"q":"a\\u0000b${"x".repeat(65_536)}"},"metadata":{"big":1e400,"small":-1e308}}`,
    );
    expect(odd.status).toBe(200);
    expect(odd.body.input.q).toBe(`a\ufffdb${"x".repeat(65_536)}`);
    expect(odd.body.metadata).toEqual({ big: null, small: -1e308 });

    expect((await api(request, "POST", "v2/datasets", { name: `${name}-x`, inputSchema: { pattern: "(?<=a)b" } })).status).toBe(400);
    expect((await api(request, "GET", `v2/datasets/${encodeURIComponent(`${name}-x`)}`)).status).toBe(404);
    expect((await api(request, "GET", "dataset-items?version=2026-01-01T00:00:00Z")).status).toBe(400);
    expect((await api(request, "GET", "dataset-run-items?datasetId=nope&runName=r")).status).toBe(404);
    expect((await api(request, "POST", "dataset-run-items", { runName: "r", datasetItemId: "nope", traceId: "t" })).status).toBe(404);
    const unauthorized = await request.get("/api/public/v2/datasets", { headers: { Authorization: basicAuth("pk-lf-x", "sk-lf-x") } });
    expect(unauthorized.status()).toBe(401);
  });
});
