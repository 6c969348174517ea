import { randomUUID } from "node:crypto";
import { ZMetricsQueryParam } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptIngestionBatch } from "../ingestion/accept-batch.ts";
import { processIngestionBatch } from "../ingestion/process-batch.ts";
import { createProjectWithKeys } from "../testing.ts";
import { queryMetrics } from "./query-metrics.ts";

let projectId = "";
const range = { fromTimestamp: "2026-11-01T00:00:00Z", toTimestamp: "2026-12-01T00:00:00Z" };
const parse = (q: unknown) => ZMetricsQueryParam.parse({ query: JSON.stringify({ ...range, ...(q as object) }) }).query;

beforeAll(async () => {
  projectId = (await createProjectWithKeys()).project.id;
  const events = [];
  for (const [day, name, model, input, output, ms] of [
    ["2026-11-20", "chat", "gpt-4o", 1000, 100, 1000],
    ["2026-11-20", "chat", "gpt-4o-mini", 2000, 200, 3000],
    ["2026-11-21", "search", "gpt-4o", 500, 50, 500],
  ] as const) {
    const traceId = randomUUID();
    const start = `${day}T12:00:00.000Z`;
    const end = new Date(Date.parse(start) + ms).toISOString();
    events.push({ id: randomUUID(), type: "trace-create", timestamp: start, body: { id: traceId, name, timestamp: start } });
    events.push({
      id: randomUUID(),
      type: "generation-create",
      timestamp: start,
      body: {
        id: randomUUID(),
        traceId,
        name: "llm",
        model,
        startTime: start,
        endTime: end,
        usageDetails: { input, output },
        metadata: { tier: ms === 1000 ? "gold" : "basic", attempt: String(ms / 500) },
      },
    });
    events.push({
      id: randomUUID(),
      type: "score-create",
      timestamp: start,
      body: { id: randomUUID(), traceId, name: "quality", value: input / 1000 },
    });
  }
  await acceptIngestionBatch({ projectId, scope: "project" }, { batch: events });
  for (const b of await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } })) await processIngestionBatch(b.id);
});

afterAll(async () => {
  await closeQueues();
});

describe("metrics query API", () => {
  it("groups observations by model with sums and percentiles", async () => {
    const { data } = await queryMetrics(
      projectId,
      parse({
        view: "observations",
        dimensions: [{ field: "providedModelName" }],
        metrics: [
          { measure: "count", aggregation: "count" },
          { measure: "totalTokens", aggregation: "sum" },
          { measure: "latency", aggregation: "p50" },
        ],
        orderBy: [{ field: "sum_totalTokens", direction: "desc" }],
      }),
      2,
    );
    // Answered from the rollups: percentiles from histogram slots, within ±2.5 % (docs/architecture.md).
    const near = (exact: number) => ({ asymmetricMatch: (v: number) => Math.abs(v - exact) <= exact * 0.025 });
    expect(data).toEqual([
      { providedModelName: "gpt-4o-mini", count_count: 1, sum_totalTokens: 2200, p50_latency: near(3000) },
      { providedModelName: "gpt-4o", count_count: 2, sum_totalTokens: 1650, p50_latency: near(750) },
    ]);
  });

  it("buckets traces by day with costs, and filters", async () => {
    const { data } = await queryMetrics(
      projectId,
      parse({
        view: "traces",
        metrics: [
          { measure: "count", aggregation: "count" },
          { measure: "totalCost", aggregation: "sum" },
        ],
        timeDimension: { granularity: "day" },
        filters: [{ column: "name", operator: "any of", value: ["chat", "search"] }],
      }),
      1,
    );
    expect(data.map((r) => [r.time_dimension, r.count_count])).toEqual([
      ["2026-11-20T00:00:00.000Z", 2],
      ["2026-11-21T00:00:00.000Z", 1],
    ]);
    expect(data[0]?.sum_totalCost).toBeCloseTo(1000 * 2.5e-6 + 100 * 1e-5 + 2000 * 0.15e-6 + 200 * 0.6e-6, 10);
  });

  it("averages numeric scores per name", async () => {
    const { data } = await queryMetrics(
      projectId,
      parse({ view: "scores-numeric", dimensions: [{ field: "name" }], metrics: [{ measure: "value", aggregation: "avg" }] }),
      2,
    );
    expect(data).toHaveLength(1);
    expect(data[0]?.avg_value).toBeCloseTo((1 + 2 + 0.5) / 3, 10);
  });

  it("answers 400 with the reason for unknown fields, v2 restrictions and bad JSON", async () => {
    await expect(
      queryMetrics(projectId, parse({ view: "observations", metrics: [{ measure: "nope", aggregation: "sum" }] }), 2),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('Unknown measure "nope"'),
    });
    await expect(
      queryMetrics(projectId, parse({ view: "traces", metrics: [{ measure: "count", aggregation: "count" }] }), 2),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      queryMetrics(
        projectId,
        parse({ view: "observations", dimensions: [{ field: "traceId" }], metrics: [{ measure: "count", aggregation: "count" }] }),
        2,
      ),
    ).rejects.toMatchObject({ status: 400 });
    expect(ZMetricsQueryParam.safeParse({ query: "{nope" }).success).toBe(false);
    expect(ZMetricsQueryParam.safeParse({ query: JSON.stringify({ view: "observations", metrics: [], ...range }) }).success).toBe(false);
  });

  it("returns histograms as [lower, upper, height] tuples per group (v1 and v2)", async () => {
    const histogram = (extra: object, version: 1 | 2) =>
      queryMetrics(
        projectId,
        parse({ view: "observations", metrics: [{ measure: "latency", aggregation: "histogram" }], ...extra }),
        version,
      );
    for (const version of [1, 2] as const) {
      const { data } = await histogram({ config: { bins: 2 } }, version);
      expect(data).toEqual([
        {
          histogram_latency: [
            [500, 1750, 2],
            [1750, 3000, 1],
          ],
        },
      ]);
    }
    const { data: byModel } = await histogram(
      {
        dimensions: [{ field: "providedModelName" }],
        metrics: [
          { measure: "latency", aggregation: "histogram" },
          { measure: "count", aggregation: "count" },
        ],
        config: { bins: 2 },
        orderBy: [{ field: "providedModelName", direction: "asc" }],
      },
      2,
    );
    expect(byModel).toEqual([
      {
        providedModelName: "gpt-4o",
        histogram_latency: [
          [500, 750, 1],
          [750, 1000, 1],
        ],
        count_count: 2,
      },
      { providedModelName: "gpt-4o-mini", histogram_latency: [[3000, 3000, 1]], count_count: 1 },
    ]);
    // Ten bins by default; an empty range gives no bins.
    expect((await histogram({}, 1)).data[0]?.histogram_latency).toHaveLength(10);
    const empty = await histogram({ filters: [{ type: "string", column: "name", operator: "=", value: "nothing" }] }, 2);
    expect(empty.data).toEqual([{ histogram_latency: [] }]);
    await expect(histogram({ orderBy: [{ field: "histogram_latency", direction: "desc" }] }, 2)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("histogram"),
    });
  });

  it("filters with typed conditions: metadata keys, nulls, options", async () => {
    const count = async (filters: unknown[]) =>
      (await queryMetrics(projectId, parse({ view: "observations", metrics: [{ measure: "count", aggregation: "count" }], filters }), 2))
        .data[0]?.count_count;
    expect(await count([{ type: "stringObject", column: "metadata", key: "tier", operator: "=", value: "gold" }])).toBe(1);
    expect(await count([{ type: "numberObject", column: "metadata", key: "attempt", operator: ">=", value: 2 }])).toBe(2);
    expect(await count([{ type: "null", column: "promptName", operator: "is null" }])).toBe(3);
    expect(await count([{ type: "stringOptions", column: "providedModelName", operator: "none of", value: ["gpt-4o"] }])).toBe(1);
    expect(await count([{ type: "number", column: "latency", operator: ">", value: 900 }])).toBe(2);
    expect(await count([{ column: "providedModelName", operator: "=", value: "gpt-4o" }])).toBe(2);
    await expect(count([{ type: "string", column: "metadata", operator: "=", value: "x" }])).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('column "metadata" does not take string conditions'),
    });
    await expect(count([{ type: "string", column: "nope", operator: "=", value: "x" }])).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('unknown column "nope"'),
    });
    expect(
      ZMetricsQueryParam.safeParse({
        query: JSON.stringify({
          view: "observations",
          metrics: [{ measure: "count", aggregation: "count" }],
          filters: [{ type: "number", column: "latency", operator: "contains", value: 1 }],
          ...range,
        }),
      }).success,
    ).toBe(false);
  });

  it("never returns another project's rows", async () => {
    const other = (await createProjectWithKeys()).project.id;
    const { data } = await queryMetrics(other, parse({ view: "observations", metrics: [{ measure: "count", aggregation: "count" }] }), 2);
    expect(data).toEqual([{ count_count: 0 }]);
  });
});
