import { gzipSync } from "node:zlib";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { afterAll, describe, expect, it } from "vitest";
import { createProjectWithKeys } from "../testing.ts";
import { acceptOtlpTraces } from "./accept-otel.ts";
import { processIngestionBatch } from "./process-batch.ts";

afterAll(async () => {
  await closeQueues();
});

const hex = (n: number, bytes: number) => n.toString(16).padStart(bytes * 2, "0");
const T0 = 1_743_791_323_000_000_000n;

/** One OTLP/JSON export holding the given spans of one trace. */
const exportJson = (
  traceId: string,
  spans: { spanId: string; parentSpanId?: string; name: string; attributes?: Record<string, string> }[],
) =>
  Buffer.from(
    JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: "int-test" } }] },
          scopeSpans: [
            {
              scope: { name: "int" },
              spans: spans.map((s, i) => ({
                traceId,
                spanId: s.spanId,
                parentSpanId: s.parentSpanId,
                name: s.name,
                startTimeUnixNano: (T0 + BigInt(i) * 1_000_000n).toString(),
                endTimeUnixNano: (T0 + 5_000_000_000n).toString(),
                attributes: Object.entries(s.attributes ?? {}).map(([key, value]) => ({ key, value: { stringValue: value } })),
              })),
            },
          ],
        },
      ],
    }),
  );

async function send(projectId: string, body: Buffer, encoding: string | null = null) {
  const result = await acceptOtlpTraces(
    { projectId },
    { body, contentType: "application/json", contentEncoding: encoding, maxBytes: 1_000_000 },
  );
  const stored = await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } });
  for (const batch of stored) {
    expect(batch.source).toBe("otel");
    await processIngestionBatch(batch.id);
  }
  return result;
}

describe("acceptOtlpTraces: decode → map → durable batch → worker merge", () => {
  it("merges a trace whose spans arrive in two exports, and a re-sent export changes nothing", async () => {
    const { project } = await createProjectWithKeys();
    const traceId = hex(Date.now(), 16);
    const root = hex(1, 8);
    const child = hex(2, 8);
    const childExport = exportJson(traceId, [
      { spanId: child, parentSpanId: root, name: "chat", attributes: { "gen_ai.request.model": "gpt-4o", "user.id": "u-7" } },
    ]);
    // One span: one observation event plus one trace event, both stored (the counts feed loupe_ingestion_events_total).
    expect(await send(project.id, gzipSync(childExport), "gzip")).toEqual({
      body: "{}",
      contentType: "application/json",
      accepted: 2,
      rejected: 0,
    });
    await send(
      project.id,
      exportJson(traceId, [{ spanId: root, name: "request", attributes: { "langfuse.observation.input": '{"q":1}' } }]),
    );
    await send(project.id, childExport);

    const trace = await prisma.trace.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: traceId } } });
    expect(trace).toMatchObject({ name: "request", userId: "u-7", input: { q: 1 } });
    const observations = await prisma.observation.findMany({ where: { projectId: project.id, traceId }, orderBy: { id: "asc" } });
    expect(observations.map((o) => [o.id, o.type, o.parentObservationId])).toEqual([
      [root, "SPAN", null],
      [child, "GENERATION", root],
    ]);
    expect(await prisma.ingestionBatch.count({ where: { projectId: project.id, source: "otel" } })).toBe(3);
  });

  it("stores nothing for an empty export", async () => {
    const { project } = await createProjectWithKeys();
    await send(project.id, Buffer.from('{"resourceSpans":[]}'));
    expect(await prisma.ingestionBatch.count({ where: { projectId: project.id } })).toBe(0);
  });
});
