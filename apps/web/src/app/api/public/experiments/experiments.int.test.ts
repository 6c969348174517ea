import "@/testing/next-environment";
import { randomUUID } from "node:crypto";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import {
  acceptIngestionBatch,
  createPublicDatasetRunItem,
  processIngestionBatch,
  upsertPublicDataset,
  upsertPublicDatasetItem,
} from "@loupe/server";
import { createProjectWithKeys } from "@loupe/server/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callRoute, type RouteHandler } from "@/testing/call-route";
import * as itemsRoute from "../experiment-items/route";
import * as experimentsRoute from "./route";

// GET /api/public/experiments and /api/public/experiment-items through their route handlers: an
// experiment is a dataset run, its items the run items with their traces.

// biome-ignore lint/suspicious/noExplicitAny: answers are asserted field by field
type Answer = { status: number; body: any };
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
const at = (ms: number) => new Date(T0 + ms).toISOString();
const FROM = encodeURIComponent(at(-3_600_000));

let basic: string;
let otherBasic: string;
let runs: { baseline: string; second: string };
let traces: string[];
let scoreOnTrace: string;
let scoreOnRun: string;

async function get(route: { GET: unknown }, path: string, auth = basic): Promise<Answer> {
  const res = await callRoute(route.GET as RouteHandler, { url: `http://loupe.test/api/public/${path}`, headers: { authorization: auth } });
  return { status: res.status, body: await res.json() };
}
const experiments = (query: string, auth?: string) => get(experimentsRoute, `experiments?${query}`, auth);
const items = (query: string) => get(itemsRoute, `experiment-items?${query}`);

beforeAll(async () => {
  const tenant = await createProjectWithKeys();
  basic = tenant.basic;
  otherBasic = (await createProjectWithKeys()).basic;
  const projectId = tenant.project.id;
  traces = [`t1-${randomUUID()}`, `t2-${randomUUID()}`, `t3-${randomUUID()}`];
  scoreOnTrace = `s-${randomUUID()}`;
  const ev = (type: string, body: Record<string, unknown>) => ({ id: randomUUID(), type, timestamp: at(10_000), body });
  const batch = [
    ev("trace-create", { id: traces[0], name: "app", timestamp: at(0), input: { q: "one" }, output: "ONE", metadata: { app: "v1" } }),
    ev("trace-create", { id: traces[1], name: "app", timestamp: at(1000), input: { q: "two" }, output: "TWO" }),
    ev("trace-create", { id: traces[2], name: "app", timestamp: at(4000), input: { q: "three" } }),
    ev("generation-create", {
      id: `${traces[2]}-gen`,
      traceId: traces[2],
      name: "llm",
      startTime: at(5000),
      endTime: at(5500),
      level: "ERROR",
      input: "gen in",
      output: "gen out",
    }),
    ev("score-create", { id: scoreOnTrace, traceId: traces[0], name: "exact", value: 1, dataType: "NUMERIC" }),
  ];
  const accepted = await acceptIngestionBatch({ projectId, scope: "project" }, { batch });
  if (!accepted.ok) throw new Error(JSON.stringify(accepted.issues));
  for (const b of await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } })) await processIngestionBatch(b.id);

  const dataset = await upsertPublicDataset(projectId, { name: `exp-${randomUUID().slice(0, 6)}` });
  const one = await upsertPublicDatasetItem(projectId, {
    datasetName: dataset.name,
    input: { q: "one" },
    expectedOutput: "ONE",
    metadata: { k: "v" },
  });
  const two = await upsertPublicDatasetItem(projectId, { datasetName: dataset.name, input: { q: "two" } });
  const link = (runName: string, datasetItemId: string, traceId: string, observationId?: string) =>
    createPublicDatasetRunItem(projectId, {
      runName,
      runDescription: runName === "baseline" ? "first pass" : undefined,
      metadata: runName === "baseline" ? { model: "x" } : undefined,
      datasetItemId,
      traceId,
      observationId,
    });
  const r1 = await link("baseline", one.id, traces[0] as string);
  await link("baseline", two.id, traces[1] as string);
  const r2 = await link("second", one.id, traces[2] as string, `${traces[2]}-gen`);
  runs = { baseline: r1.datasetRunId, second: r2.datasetRunId };
  scoreOnRun = `s-${randomUUID()}`;
  const runScore = await acceptIngestionBatch(
    { projectId, scope: "project" },
    { batch: [ev("score-create", { id: scoreOnRun, datasetRunId: runs.second, name: "run quality", value: 0.5, dataType: "NUMERIC" })] },
  );
  if (!runScore.ok) throw new Error(JSON.stringify(runScore.issues));
  for (const b of await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } })) await processIngestionBatch(b.id);
}, 60_000);

afterAll(async () => {
  await closeQueues();
});

describe("GET /api/public/experiments", () => {
  it("lists runs by latest activity with core fields, and the metadata and scores groups on request", async () => {
    const core = await experiments(`fromStartTime=${FROM}`);
    expect(core.status).toBe(200);
    expect(core.body.meta).toEqual({});
    expect(core.body.data).toEqual([
      {
        id: runs.second,
        name: "second",
        description: null,
        startTime: at(5000),
        endTime: at(5500),
        itemCount: 1,
        datasetId: expect.any(String),
      },
      {
        id: runs.baseline,
        name: "baseline",
        description: "first pass",
        startTime: at(0),
        endTime: at(1000),
        itemCount: 2,
        datasetId: expect.any(String),
      },
    ]);

    const full = await experiments(`fromStartTime=${FROM}&fields=core,metadata,scores`);
    const [second, baseline] = full.body.data;
    expect(baseline.metadata).toEqual({ model: "x" });
    expect(baseline.scores).toEqual([]);
    expect(second.scores).toEqual([
      expect.objectContaining({
        id: scoreOnRun,
        name: "run quality",
        dataType: "NUMERIC",
        value: 0.5,
        subject: { kind: "experiment", id: runs.second },
      }),
    ]);
  });

  it("pages with a cursor, filters by time, name and structured filter, and keeps other projects out", async () => {
    const first = await experiments(`fromStartTime=${FROM}&limit=1`);
    expect(first.body.data.map((e: { id: string }) => e.id)).toEqual([runs.second]);
    expect(first.body.meta.cursor).toEqual(expect.any(String));
    const next = await experiments(`fromStartTime=${FROM}&limit=1&cursor=${first.body.meta.cursor}`);
    expect(next.body.data.map((e: { id: string }) => e.id)).toEqual([runs.baseline]);
    expect(next.body.meta).toEqual({});

    // Only items inside the range count.
    const late = await experiments(`fromStartTime=${encodeURIComponent(at(500))}&toStartTime=${encodeURIComponent(at(4500))}`);
    expect(late.body.data.map((e: { name: string; itemCount: number }) => [e.name, e.itemCount])).toEqual([["baseline", 1]]);
    expect((await experiments(`fromStartTime=${FROM}&name=baseline`)).body.data.map((e: { id: string }) => e.id)).toEqual([runs.baseline]);
    const filter = encodeURIComponent(
      JSON.stringify([{ type: "stringOptions", column: "name", operator: "none of", value: ["baseline"] }]),
    );
    expect((await experiments(`fromStartTime=${FROM}&filter=${filter}`)).body.data.map((e: { id: string }) => e.id)).toEqual([runs.second]);
    expect((await experiments(`fromStartTime=${FROM}`, otherBasic)).body.data).toEqual([]);
  });

  it("refuses bad parameters with a 400 that says why", async () => {
    const unknownVersion = Buffer.from(
      JSON.stringify({ v: 3, lastTime: at(0), lastTraceId: "", lastId: "x", lastExperimentId: "x" }),
    ).toString("base64url");
    const cases: [string, string, RegExp][] = [
      ["no fromStartTime", "", /fromStartTime/],
      ["an unknown field group", `fromStartTime=${FROM}&fields=id`, /unknown field group id/],
      ["a cursor that is not one", `fromStartTime=${FROM}&cursor=not-json`, /Invalid cursor/],
      ["an unknown cursor version", `fromStartTime=${FROM}&cursor=${unknownVersion}`, /Unsupported cursor version 3/],
      ["a limit over 100", `fromStartTime=${FROM}&limit=101`, /at most 100/],
      ["a filter that is not JSON", `fromStartTime=${FROM}&filter=%5Bnope`, /filter is not valid JSON/],
      [
        "a filter on a column outside the list",
        `fromStartTime=${FROM}&filter=${encodeURIComponent(JSON.stringify([{ type: "stringOptions", column: "startTime", operator: "any of", value: ["x"] }]))}`,
        /Invalid/,
      ],
    ];
    for (const [label, query, message] of cases) {
      const res = await experiments(query);
      expect(res.status, label).toBe(400);
      expect(JSON.stringify(res.body), label).toMatch(message);
    }
  });
});

describe("GET /api/public/experiment-items", () => {
  it("lists run items newest first with the core and dataset groups by default", async () => {
    const res = await items(`fromStartTime=${FROM}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((i: { traceId: string }) => i.traceId)).toEqual([traces[2], traces[1], traces[0]]);
    const [third] = res.body.data;
    expect(third).toEqual({
      id: expect.any(String),
      traceId: traces[2],
      startTime: at(5000),
      endTime: at(5500),
      level: "ERROR",
      environment: "default",
      experimentId: runs.second,
      experimentName: "second",
      experimentItemId: expect.any(String),
      experimentDatasetId: expect.any(String),
      experimentItemVersion: expect.any(String),
    });
  });

  it("adds io, metadata and scores on request, pages with a cursor and filters by experiment", async () => {
    const res = await items(`fromStartTime=${FROM}&experimentName=baseline&fields=core,io,metadata,itemMetadata,experimentMetadata,scores`);
    const byTrace = Object.fromEntries(res.body.data.map((i: { traceId: string }) => [i.traceId, i]));
    expect(byTrace[traces[0] as string]).toMatchObject({
      input: { q: "one" },
      output: "ONE",
      expectedOutput: "ONE",
      metadata: { app: "v1" },
      experimentItemMetadata: { k: "v" },
      experimentMetadata: { model: "x" },
      experimentDescription: "first pass",
      scores: [expect.objectContaining({ id: scoreOnTrace, name: "exact", value: 1 })],
    });
    expect(byTrace[traces[0] as string]).not.toHaveProperty("experimentDatasetId");
    expect(byTrace[traces[1] as string].scores).toEqual([]);

    const page1 = await items(`fromStartTime=${FROM}&limit=2`);
    expect(page1.body.data).toHaveLength(2);
    const page2 = await items(`fromStartTime=${FROM}&limit=2&cursor=${page1.body.meta.cursor}`);
    expect(page2.body.data.map((i: { traceId: string }) => i.traceId)).toEqual([traces[0]]);
    expect(page2.body.meta).toEqual({});
    const filter = encodeURIComponent(
      JSON.stringify([{ type: "string", column: "experimentName", operator: "starts with", value: "sec" }]),
    );
    expect((await items(`fromStartTime=${FROM}&filter=${filter}`)).body.data.map((i: { traceId: string }) => i.traceId)).toEqual([
      traces[2],
    ]);
    expect((await items(`fromStartTime=${FROM}&cursor=bm90LWEtY3Vyc29y`)).status).toBe(400);
    expect((await items(`fromStartTime=${FROM}&fields=everything`)).status).toBe(400);
  });
});
