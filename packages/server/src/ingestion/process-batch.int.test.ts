import { randomUUID } from "node:crypto";
import { type TAcceptedEvent, parseIngestionEvent } from "@loupe/contracts";
import { insertIngestionBatch, prisma } from "@loupe/db";
import { describe, expect, it } from "vitest";
import { createProjectWithKeys } from "../testing.ts";
import { processIngestionBatch } from "./process-batch.ts";

const now = Date.now();
const at = (ms: number) => new Date(now + ms).toISOString();

function accepted(type: string, body: Record<string, unknown>, ms = 0): TAcceptedEvent {
  const parsed = parseIngestionEvent({ id: randomUUID(), type, timestamp: at(ms), body });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.event;
}

const store = (projectId: string, events: TAcceptedEvent[]) => insertIngestionBatch({ projectId, source: "ingestion", events });

describe("processIngestionBatch: batches waiting for a merge are merged together", () => {
  it("gives every concurrent caller its own result and the same rows as one batch at a time", async () => {
    const { project } = await createProjectWithKeys();
    const { project: other } = await createProjectWithKeys();
    const traceId = randomUUID();
    const gen = randomUUID();
    // The create and the updates of one generation in different batches, plus unrelated traces.
    const batches = [
      [accepted("trace-create", { id: traceId, name: "t", metadata: { a: 1 } })],
      [accepted("generation-update", { id: gen, traceId, output: "late", endTime: at(900) }, 3)],
      ...Array.from({ length: 9 }, (_, i) => [accepted("trace-create", { id: randomUUID(), name: `n${i}` })]),
      [accepted("generation-create", { id: gen, traceId, name: "llm", model: "gpt-4o", startTime: at(0), usageDetails: { input: 10 } }, 1)],
      [accepted("trace-create", { id: traceId, metadata: { b: 2 } }, 2)],
    ];
    const ids = await Promise.all(batches.map((events) => store(project.id, events)));
    const otherId = await store(other.id, [accepted("trace-create", { id: traceId, name: "other" })]);

    const results = await Promise.all([...ids, otherId].map(processIngestionBatch));

    expect(results.map((r) => r.processed)).toEqual([...ids, otherId].map(() => true));
    expect(results.map((r) => r.events)).toEqual([...batches.map((b) => b.length), 1]);
    // Two merges start at once; the calls behind them wait and are merged in one transaction.
    const grouped = results.flatMap((r) => (r.processed ? [r.batchesInTransaction] : []));
    expect(Math.max(...grouped)).toBeGreaterThan(1);
    // Every batch keeps its own acknowledgement time for the lag metric; the counters are counted once.
    expect(results.flatMap((r) => (r.processed ? r.metrics.observations : [])).filter((o) => o.request)).toHaveLength(1);
    expect(await prisma.ingestionBatch.count({ where: { id: { in: [...ids, otherId] }, processedAt: null } })).toBe(0);

    const trace = await prisma.trace.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: traceId } } });
    expect(trace).toMatchObject({ name: "t", metadata: { a: 1, b: 2 }, observationCount: 1 });
    const g = await prisma.observation.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: gen } } });
    expect(g).toMatchObject({ name: "llm", output: "late", inputTokens: 10, matchedModelId: "builtin-gpt-4o" });
    expect(g.startTime.toISOString()).toBe(at(0));
    expect(g.endTime?.toISOString()).toBe(at(900));
    expect(await prisma.trace.findUniqueOrThrow({ where: { projectId_id: { projectId: other.id, id: traceId } } })).toMatchObject({
      name: "other",
    });

    // Asked again (a replayed job), nothing is merged twice.
    expect(await processIngestionBatch(ids[0] as string)).toEqual({ processed: false, events: 0 });
  });

  it("fails only the job of a batch that cannot be merged, not the batches merged with it", async () => {
    const { project } = await createProjectWithKeys();
    const good = await Promise.all(
      Array.from({ length: 5 }, () => store(project.id, [accepted("trace-create", { id: randomUUID(), name: "ok" })])),
    );
    // Stored events are trusted by the merge; a start time that is not a date makes its upsert fail.
    const poison = await store(project.id, [
      { id: randomUUID(), type: "span-create", timestamp: "not a date", body: { id: randomUUID() } } as unknown as TAcceptedEvent,
    ]);
    const order = [good[0], good[1], good[2], poison, good[3], good[4]] as string[];

    const outcomes = await Promise.allSettled(order.map(processIngestionBatch));

    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const unprocessed = await prisma.ingestionBatch.findMany({ where: { id: { in: order }, processedAt: null }, select: { id: true } });
    expect(unprocessed.map((b) => b.id)).toEqual([poison]);
    expect(await prisma.trace.count({ where: { projectId: project.id } })).toBe(5);
  });

  it("keeps payload keys in the order the SDK sent them, through the batch, the merge and a later update", async () => {
    const { project } = await createProjectWithKeys();
    const traceId = randomUUID();
    const gen = randomUUID();
    // jsonb would store these as {"mid", "zeta", "alpha"} (shorter keys first, then bytewise).
    const input = { zeta: 1, alpha: { yak: [{ k2: 1, k1: 2 }], bee: null }, mid: "x" };
    const output = { role: "assistant", content: "hi", annotations: { zz: 1, a: 2 } };
    await processIngestionBatch(
      await store(project.id, [
        accepted("trace-create", { id: traceId, name: "ordered", input }),
        accepted("generation-create", { id: gen, traceId, name: "llm", startTime: at(0), input, output }, 1),
      ]),
    );
    // A later update of the trace's output only: its input keeps the order it was stored with.
    await processIngestionBatch(await store(project.id, [accepted("trace-create", { id: traceId, output }, 2)]));

    const [row] = await prisma.$queryRaw<{ input: string; output: string; obsInput: string; obsOutput: string }[]>`
      SELECT t."input"::text AS input, t."output"::text AS output, o."input"::text AS "obsInput", o."output"::text AS "obsOutput"
      FROM "Trace" t JOIN "Observation" o ON o."projectId" = t."projectId" AND o."traceId" = t."id"
      WHERE t."projectId" = ${project.id} AND t."id" = ${traceId}`;
    expect(row).toEqual({
      input: JSON.stringify(input),
      output: JSON.stringify(output),
      obsInput: JSON.stringify(input),
      obsOutput: JSON.stringify(output),
    });
    // And as the readers hand it to the API and the trace view.
    const trace = await prisma.trace.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: traceId } } });
    expect(JSON.stringify(trace.input)).toBe(JSON.stringify(input));
    expect(Object.keys(trace.output as object)).toEqual(["role", "content", "annotations"]);
  });

  it("merges rows whose merge state was stored in version 1, and rewrites them in version 2", async () => {
    const { project } = await createProjectWithKeys();
    const traceId = randomUUID();
    const gen = randomUUID();
    await processIngestionBatch(
      await store(project.id, [accepted("generation-create", { id: gen, traceId, name: "first", model: "gpt-4o", startTime: at(0) }, 10)]),
    );
    const [row] = await prisma.$queryRaw<{ mergeState: { v?: number; c: string[] } }[]>`
      SELECT "mergeState" FROM "Observation" WHERE "projectId" = ${project.id} AND "id" = ${gen}`;
    expect(row?.mergeState.v).toBe(2);
    // The same clocks as version 1 wrote them (field names, one clock index each).
    const v1 = { c: row?.mergeState.c, d: ["environment"], f: { name: 0, type: 0, model: 0, traceId: 0, startTime: 0 }, m: {} };
    await prisma.$executeRaw`UPDATE "Observation" SET "mergeState" = ${JSON.stringify(v1)}::jsonb
      WHERE "projectId" = ${project.id} AND "id" = ${gen}`;

    await processIngestionBatch(
      await store(project.id, [
        // Sent before the stored create: loses the name (last writer wins) and wins the start time (first
        // writer wins). Both need the clocks of the version 1 state: without them the stored name would count
        // as the oldest write and the stored start time could never move.
        accepted("generation-update", { id: gen, traceId, name: "older", startTime: at(-500) }, 5),
        accepted("generation-update", { id: gen, traceId, model: "gpt-4o-mini", environment: "prod" }, 20),
      ]),
    );

    const g = await prisma.observation.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: gen } } });
    expect(g).toMatchObject({ name: "first", model: "gpt-4o-mini", environment: "prod", matchedModelId: "builtin-gpt-4o-mini" });
    expect(g.startTime.toISOString()).toBe(at(-500));
    expect(g.mergeState).toMatchObject({ v: 2, d: "" });
  });
});
