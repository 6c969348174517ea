import { randomUUID } from "node:crypto";
import { ingestionResponseBody, parseIngestionEvent } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createProjectWithKeys } from "../testing.ts";
import { acceptIngestionBatch } from "./accept-batch.ts";
import { processIngestionBatch } from "./process-batch.ts";

afterAll(async () => {
  await closeQueues();
});

// Hostile and malformed events mixed with valid ones: the request never fails as a whole, every
// event gets exactly one verdict, valid events are stored, rejected ones leave no trace.
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "\u0000",
    "\ud800",
    "<script>alert(1)</script>",
    '\'; DROP TABLE "Trace"; --',
    "a".repeat(70_000),
    "\r\n",
    "💥".repeat(300),
  ),
);
const anyJson = fc.jsonValue({ maxDepth: 6 });
const deepNesting = fc.integer({ min: 50, max: 400 }).map((depth) => {
  let v: unknown = "bottom";
  for (let i = 0; i < depth; i++) v = { nested: v };
  return v;
});
const types = fc.constantFrom(
  "trace-create",
  "span-create",
  "span-update",
  "generation-create",
  "event-create",
  "score-create",
  "tool-create",
  "nope",
  "",
  "TRACE-CREATE",
);
const timestamps = fc.oneof(fc.constant(new Date().toISOString()), hostileString, fc.integer(), fc.constant(null));
const malformedEvent = fc.oneof(
  anyJson,
  fc.record({
    id: fc.oneof(hostileString, fc.integer(), fc.constant(null)),
    type: types,
    timestamp: timestamps,
    body: fc.oneof(anyJson, fc.constant(null)),
  }),
  fc.record({
    id: fc.uuid(),
    type: types,
    timestamp: fc.constant(new Date().toISOString()),
    body: fc.record(
      {
        id: fc.oneof(fc.uuid(), hostileString, fc.integer()),
        traceId: fc.oneof(fc.uuid(), hostileString),
        name: fc.oneof(hostileString, fc.integer()),
        input: fc.oneof(anyJson, hostileString, deepNesting),
        metadata: fc.oneof(anyJson, deepNesting),
        level: fc.constantFrom("ERROR", "DEFAULT", "loud", 3),
        startTime: timestamps,
        usage: fc.oneof(anyJson, fc.record({ input: fc.integer(), output: fc.double() })),
        value: fc.oneof(fc.double(), hostileString, fc.boolean()),
        tags: fc.oneof(fc.array(hostileString, { maxLength: 5 }), hostileString),
        model: fc.oneof(hostileString, fc.constant("gpt-4o")),
      },
      { requiredKeys: [] },
    ),
  }),
);

describe("ingestion under malformed and hostile input", () => {
  it("never fails a request, stores exactly the valid events and nothing of the rejected ones", async () => {
    const { project } = await createProjectWithKeys();
    let validTraces = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(malformedEvent, { minLength: 1, maxLength: 60 }), async (batch) => {
        const traceId = randomUUID();
        const valid = { id: randomUUID(), type: "trace-create", timestamp: new Date().toISOString(), body: { id: traceId, name: "valid" } };
        const events = [...batch, valid];
        const result = await acceptIngestionBatch({ projectId: project.id, scope: "project" }, { batch: events });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const body = ingestionResponseBody(result.outcomes);
        const verdicts = body.successes.length + body.errors.length;
        const logs = events.filter((e) => parseIngestionEvent(e).ok && (e as { type: string }).type === "sdk-log").length;
        expect(verdicts + logs).toBe(events.length);
        expect(body.successes).toContainEqual({ id: valid.id, status: 201 });
        for (const error of body.errors) expect([400, 401]).toContain(error.status);
        validTraces++;
        accepted += body.successes.length;
      }),
      { numRuns: 150, seed: 4242 },
    );
    // The worker merges every stored batch without failing, whatever got through validation.
    const batches = await prisma.ingestionBatch.findMany({ where: { projectId: project.id }, select: { id: true, eventCount: true } });
    // Exactly the acknowledged events were written: nothing of the rejected ones.
    expect(batches.reduce((n, b) => n + b.eventCount, 0)).toBe(accepted);
    for (const b of batches) await processIngestionBatch(b.id);
    const unprocessed = await prisma.ingestionBatch.count({ where: { projectId: project.id, processedAt: null } });
    expect(unprocessed).toBe(0);
    expect(await prisma.trace.count({ where: { projectId: project.id, name: "valid" } })).toBe(validTraces);
  }, 120_000);

  it("keeps another project's rows untouched when ids collide", async () => {
    const a = await createProjectWithKeys();
    const b = await createProjectWithKeys();
    const id = randomUUID();
    for (const [project, name] of [
      [a.project.id, "mine"],
      [b.project.id, "theirs"],
    ] as const) {
      const result = await acceptIngestionBatch(
        { projectId: project, scope: "project" },
        { batch: [{ id: randomUUID(), type: "trace-create", timestamp: new Date().toISOString(), body: { id, name } }] },
      );
      expect(result.ok).toBe(true);
      for (const batch of await prisma.ingestionBatch.findMany({ where: { projectId: project, processedAt: null } }))
        await processIngestionBatch(batch.id);
    }
    expect((await prisma.trace.findUniqueOrThrow({ where: { projectId_id: { projectId: a.project.id, id } } })).name).toBe("mine");
  });
});
