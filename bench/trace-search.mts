// Search inside one big trace, as the trace view's find bar asks it: one trace of N observations
// (generations with ~2 KB of input and output each), stored through the worker's merge, then the
// server-side payload search (`searchTrace`) timed over a few queries (a hit in one row, hits in
// every row, no hit). Prints the p50/max per query and the load average.
//
//   DATABASE_URL=postgresql://…/loupe_bench_x node --import tsx bench/trace-search.mts [--observations 1000] [--runs 20]
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { parseIngestionEvent, type TAcceptedEvent } from "@loupe/contracts";
import { disconnectPrisma, insertIngestionBatch } from "@loupe/db";
import { createTestProject } from "@loupe/db/testing";
import { processIngestionBatch, searchTrace } from "@loupe/server";

const { values: args } = parseArgs({
  options: { observations: { type: "string", default: "1000" }, runs: { type: "string", default: "20" } },
});
const count = Number(args.observations);
const runs = Number(args.runs);

const { project } = await createTestProject({ hashedSecretKey: `bench-${randomUUID()}` });
const traceId = randomUUID();
const t0 = Date.now() - 60_000;
const at = (ms: number) => new Date(t0 + ms).toISOString();
const filler = "The parcel moves through the network and reaches the depot on time. ".repeat(30);
const raw = [
  { id: randomUUID(), type: "trace-create", timestamp: at(0), body: { id: traceId, name: "big", input: { q: "start" } } },
  ...Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    type: "generation-create",
    timestamp: at(i),
    body: {
      id: randomUUID(),
      traceId,
      name: `step-${i}`,
      startTime: at(i),
      input: [{ role: "user", content: `${filler} question ${i}` }],
      output: { role: "assistant", content: `${filler}${i === count - 1 ? " needle-xyz" : ""}` },
    },
  })),
];
const events: TAcceptedEvent[] = raw.map((r) => {
  const parsed = parseIngestionEvent(r);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.event;
});
for (let i = 0; i < events.length; i += 500) {
  const id = await insertIngestionBatch({ projectId: project.id, source: "ingestion", events: events.slice(i, i + 500) });
  await processIngestionBatch(id);
}

const result: Record<string, { p50: number; max: number; hits: number }> = {};
for (const q of ["needle-xyz", "depot", "absent-term"]) {
  const ms: number[] = [];
  let hits = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    hits = (await searchTrace(project.id, traceId, q)).observationIds.length;
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  result[q] = { p50: Number((ms[Math.floor(ms.length / 2)] ?? 0).toFixed(1)), max: Number((ms.at(-1) ?? 0).toFixed(1)), hits };
}
console.log(
  JSON.stringify({
    observations: count,
    runs,
    queries: result,
    loadAverage: loadavg()
      .map((l) => l.toFixed(1))
      .join(" "),
  }),
);
await disconnectPrisma();
