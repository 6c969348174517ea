import { expect, test } from "@playwright/test";

// The production build's /metrics, as Prometheus scrapes it (deploy/prometheus/prometheus.yml).
test("the web serves Prometheus metrics at /metrics without a session", async ({ request }) => {
  const response = await request.get("/metrics");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  const body = await response.text();
  expect(body).toMatch(/^loupe_web_process_resident_memory_bytes \d+/m);
  expect(body).toMatch(/^loupe_web_nodejs_eventloop_lag_seconds [\d.e-]+/m);
});
