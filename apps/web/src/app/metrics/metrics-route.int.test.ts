import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

// GET /metrics of the web process, through the real route handler.
const TOKEN = "metrics-token-for-the-test-0123456789";
const scrape = (authorization?: string) => new NextRequest("http://127.0.0.1/metrics", { headers: authorization ? { authorization } : {} });

/** The route module loaded fresh with LOUPE_METRICS_TOKEN as given (the web env is read once per module load). */
async function loadRoute(token: string | undefined) {
  vi.resetModules();
  if (token === undefined) delete process.env.LOUPE_METRICS_TOKEN;
  else process.env.LOUPE_METRICS_TOKEN = token;
  return import("./route");
}

describe("GET /metrics (web)", () => {
  afterEach(() => {
    delete process.env.LOUPE_METRICS_TOKEN;
  });

  it("serves the web process's metrics in Prometheus text format", async () => {
    const { GET } = await loadRoute(undefined);
    const response = await GET(scrape());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await response.text();
    expect(body).toMatch(/^# HELP loupe_web_process_resident_memory_bytes /m);
    expect(body).toMatch(/^loupe_web_process_cpu_seconds_total \d/m);
  });

  it("answers 401 without the bearer token when LOUPE_METRICS_TOKEN is set, and 200 with it", async () => {
    const { GET } = await loadRoute(TOKEN);
    const missing = await GET(scrape());
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    expect(await missing.text()).toContain("LOUPE_METRICS_TOKEN");
    expect((await GET(scrape("Bearer wrong-token-wrong-token-wrong"))).status).toBe(401);
    const ok = await GET(scrape(`Bearer ${TOKEN}`));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("loupe_web_process_resident_memory_bytes");
  });
});
