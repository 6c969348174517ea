// In-process merge benchmark: the worker's `processIngestionBatch` alone (no HTTP, no queue), over
// batches stored the way the request path stores them. Prints merged events/s and per-batch
// latency, and the CPU time of the merge and of Postgres per event; --profile writes a CPU profile.
//
//   DATABASE_URL=postgresql://…/loupe_bench_x node --import tsx bench/merge.mts \
//     [--batches 300] [--batch 100] [--concurrency 8] [--updates] [--profile merge.cpuprofile]
//
// --updates: every other batch updates the entities of the batch before it (an output and an end
// time for each generation, a name for each trace), as SDKs that flush create and update apart do.
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import { type TAcceptedEvent, parseIngestionEvent } from "@loupe/contracts";
import { disconnectPrisma, insertIngestionBatch, prisma } from "@loupe/db";
import { createTestProject } from "@loupe/db/testing";
import { processIngestionBatch } from "@loupe/server";
import { makeEvents } from "./lib/events.mjs";

const { values: args } = parseArgs({
  options: {
    batches: { type: "string", default: "300" },
    batch: { type: "string", default: "100" },
    concurrency: { type: "string", default: "8" },
    updates: { type: "boolean", default: false },
    // Writes a V8 CPU profile of the merge phase only (not of storing the batches) to this file.
    profile: { type: "string" },
  },
});
const batches = Number(args.batches);
const batchSize = Number(args.batch);
const concurrency = Number(args.concurrency);

type RawEvent = { id: string; type: string; timestamp: string; body: Record<string, unknown> };

/** The update events for the entities of `events`, one second later. */
function updatesOf(events: RawEvent[]): RawEvent[] {
  return events.flatMap((e): RawEvent[] => {
    const timestamp = new Date(Date.parse(e.timestamp) + 1000).toISOString();
    if (e.type === "trace-create")
      return [{ id: randomUUID(), type: "trace-create", timestamp, body: { id: e.body.id, output: { a: "done" } } }];
    if (e.type === "generation-create")
      return [
        {
          id: randomUUID(),
          type: "generation-update",
          timestamp,
          body: { id: e.body.id, traceId: e.body.traceId, endTime: timestamp, output: "hi" },
        },
      ];
    return [];
  });
}

function accepted(raw: RawEvent[]): TAcceptedEvent[] {
  return raw.map((r) => {
    const parsed = parseIngestionEvent(r);
    if (!parsed.ok) throw new Error(`bench event refused: ${parsed.message}`);
    return parsed.event;
  });
}

const { project } = await createTestProject({ hashedSecretKey: `bench-${randomUUID()}` });
const ids: string[] = [];
let previous: RawEvent[] = [];
for (let i = 0; i < batches; i++) {
  const raw: RawEvent[] = args.updates && i % 2 === 1 ? updatesOf(previous) : makeEvents(batchSize);
  previous = raw;
  ids.push(await insertIngestionBatch({ projectId: project.id, source: "ingestion", events: accepted(raw) }));
}

// CPU time, not only wall time: on a shared machine the wall clock mostly measures the neighbours.
// Postgres's share is read from /proc for the backends of this database (the pool's connections).
const backendTicks = async () => {
  const rows = await prisma.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`;
  let ticks = 0;
  for (const { pid } of rows) {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    ticks += Number(fields[11]) + Number(fields[12]); // utime + stime, in 1/100 s
  }
  return ticks;
};
// Open the pool's connections first, so the backends exist before the first reading.
await Promise.all(
  Array.from({ length: concurrency + 2 }, () => prisma.$transaction(async (tx) => tx.$queryRaw`SELECT pg_sleep(0.05)::text`)),
);
const profiler = args.profile ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.start");
}
const ticksBefore = await backendTicks();
const cpuBefore = process.cpuUsage();
const latencies: number[] = [];
let events = 0;
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < ids.length) {
      const id = ids[next++] as string;
      const t = performance.now();
      const result = await processIngestionBatch(id);
      latencies.push(performance.now() - t);
      events += result.events;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
if (profiler && args.profile) writeFileSync(args.profile, JSON.stringify((await profiler.post("Profiler.stop")).profile));
const postgresMs = ((await backendTicks()) - ticksBefore) * 10;
latencies.sort((a, b) => a - b);
const pct = (p: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0).toFixed(1));
console.log(
  JSON.stringify({
    batches,
    batchSize,
    concurrency,
    updates: args.updates,
    events,
    eventsPerSecond: Math.round(events / seconds),
    batchMs: { p50: pct(50), p95: pct(95) },
    workerCpuUsPerEvent: Math.round((cpu.user + cpu.system) / events),
    postgresCpuUsPerEvent: Math.round((postgresMs * 1000) / events),
    loadAverage: loadavg()
      .map((l) => l.toFixed(1))
      .join(" "),
  }),
);
await disconnectPrisma();
