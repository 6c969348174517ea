import { randomUUID } from "node:crypto";
import { acceptIngestionBatch } from "@loupe/server";

// A stand-in for the web process in the kill -9 test: it acknowledges batches exactly as the
// ingestion route does (acceptIngestionBatch, then the 207), and prints each acknowledged trace
// id synchronously (stdout on a pipe is synchronous on Linux), so the test knows what was acked.

const projectId = process.argv[2];
if (!projectId) throw new Error("usage: ack-producer <projectId>");

for (;;) {
  const traceId = randomUUID();
  const ts = new Date().toISOString();
  const event = (type: string, body: Record<string, unknown>) => ({ id: randomUUID(), type, timestamp: ts, body });
  const rootId = randomUUID();
  // 1 root span + 9 child spans + 9 generations = 19 observations per trace.
  const batch = [
    event("trace-create", { id: traceId, name: "durability", input: { q: "x".repeat(500) } }),
    event("span-create", { id: rootId, traceId, name: "root" }),
    ...Array.from({ length: 9 }, (_, i) =>
      event("span-create", { id: randomUUID(), traceId, parentObservationId: rootId, name: `step-${i}` }),
    ),
    ...Array.from({ length: 9 }, () =>
      event("generation-create", {
        id: randomUUID(),
        traceId,
        parentObservationId: rootId,
        model: "gpt-4o-mini",
        usageDetails: { input: 100, output: 50 },
        output: "y".repeat(300),
      }),
    ),
  ];
  const result = await acceptIngestionBatch({ projectId, scope: "project" }, { batch });
  if (!result.ok || result.outcomes.some((o) => o.outcome !== "stored")) throw new Error(`not accepted: ${JSON.stringify(result)}`);
  process.stdout.write(`acked ${traceId}\n`);
}
