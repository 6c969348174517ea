import { closeQueues } from "@loupe/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestProcess, startWorker } from "./testing/processes.ts";

// The real worker process with LOUPE_METRICS_TOKEN set: its /metrics is for the operator's
// Prometheus only (deploy/prometheus/prometheus.yml shows the bearer-token setting).
const TOKEN = "worker-metrics-token-0123456789";
let worker: TestProcess;
let port = 0;

beforeAll(async () => {
  worker = await startWorker({ LOUPE_METRICS_TOKEN: TOKEN });
  port = Number(worker.output().match(/"port":(\d+)[^\n]*worker started/)?.[1]);
});

afterAll(async () => {
  if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
  await closeQueues();
});

describe("worker /metrics with LOUPE_METRICS_TOKEN", () => {
  it("answers 401 without the token or with a wrong one, and the metrics with it", async () => {
    expect(port).toBeGreaterThan(0);
    const url = `http://127.0.0.1:${port}/metrics`;
    const missing = await fetch(url);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    expect((await fetch(url, { headers: { authorization: "Bearer not-the-token-at-all" } })).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/loupe_queue_jobs\{job="ingestion.process",state="waiting"\} \d+/);
    // Health stays open: orchestrators probe it without credentials.
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
  });
});
