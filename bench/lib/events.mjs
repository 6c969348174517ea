// The REST event mix of the ingestion benchmarks (bench/ingest.mjs over HTTP, bench/merge.mts in-process).
import { randomUUID } from "node:crypto";

export const filler = "lorem ipsum dolor sit amet ".repeat(30); // ~800 bytes of text per payload

export function makeEvents(n) {
  // One trace per 10 events: trace, root span, 4 generations, 4 child spans.
  const events = [];
  while (events.length < n) {
    const traceId = randomUUID();
    const root = randomUUID();
    const ts = new Date().toISOString();
    events.push({
      id: randomUUID(),
      type: "trace-create",
      timestamp: ts,
      body: { id: traceId, name: "bench", userId: "u1", input: { q: filler } },
    });
    events.push({
      id: randomUUID(),
      type: "span-create",
      timestamp: ts,
      body: { id: root, traceId, name: "root", startTime: ts, endTime: ts },
    });
    for (let i = 0; i < 4; i++) {
      events.push({
        id: randomUUID(),
        type: "generation-create",
        timestamp: ts,
        body: {
          id: randomUUID(),
          traceId,
          parentObservationId: root,
          name: `llm-${i}`,
          model: "gpt-4o-mini",
          input: filler,
          output: filler.slice(0, 200),
          usageDetails: { input: 500, output: 120 },
          startTime: ts,
          endTime: ts,
        },
      });
      events.push({
        id: randomUUID(),
        type: "span-create",
        timestamp: ts,
        body: { id: randomUUID(), traceId, parentObservationId: root, name: `step-${i}`, startTime: ts, endTime: ts },
      });
    }
  }
  return events.slice(0, n);
}
