#!/usr/bin/env node
// Prompt fetch benchmark: GET /api/public/v2/prompts/{name} (label production, the SDKs' default) at a
// fixed offered rate, open loop (a request starts every 1/rate s whether or not the last one answered,
// so a slow server shows up as latency rather than as a lower rate). Half the prompts include another
// prompt by reference, so a miss resolves a composition. Then the cold path: each sample moves a label
// (which replaces the project's cache epoch) and times the next fetch, a cache miss.
// `--ingest-rate 5000` runs bench/ingest.mjs against the same server during the warm phase (started 5 s
// before it), for the "fetch under ingestion" figure. Around the warm phase the server's /metrics are
// read, so the output says what the web process's event loop did meanwhile: its lag (max, p99) and the
// time spent in garbage collection by kind; and the machine's load average at the start and the end.
//
//   node bench/prompt-fetch.mjs --url http://127.0.0.1:3000 --public-key pk-lf-… --secret-key sk-lf-… \
//     [--rate 500] [--seconds 30] [--prompts 20] [--cold-samples 200] [--ingest-rate 5000] [--metrics-token …]
//     [--client http|fetch]
import { spawn } from "node:child_process";
import http from "node:http";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    "public-key": { type: "string" },
    "secret-key": { type: "string" },
    rate: { type: "string", default: "500" },
    seconds: { type: "string", default: "30" },
    prompts: { type: "string", default: "20" },
    "cold-samples": { type: "string", default: "200" },
    "ingest-rate": { type: "string", default: "0" },
    "metrics-token": { type: "string" },
    /** What the client accepts; the SDKs' fetch sends "gzip, deflate". "identity" asks for no compression. */
    "accept-encoding": { type: "string", default: "gzip, deflate" },
    /**
     * The warm phase's client. "http" (node:http, keep-alive agent) costs half of fetch's CPU, and this client
     * shares the server's cores: with fetch (what the SDKs use) its own scheduling showed up as server tail.
     */
    client: { type: "string", default: "http" },
  },
});
if (!args["public-key"] || !args["secret-key"]) {
  console.error("usage: node bench/prompt-fetch.mjs --public-key pk-lf-… --secret-key sk-lf-… [--url] [--rate] [--seconds]");
  process.exit(2);
}
const auth = `Basic ${Buffer.from(`${args["public-key"]}:${args["secret-key"]}`).toString("base64")}`;
const rate = Number(args.rate);
const seconds = Number(args.seconds);
const promptCount = Number(args.prompts);
const headers = { authorization: auth, "content-type": "application/json" };
const run = `bench-${Date.now().toString(36)}`;

async function call(method, path, body) {
  const res = await fetch(`${args.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (ms) => {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (n=${s.length})`;
};

// Setup: a shared text prompt and `promptCount` chat prompts, every other one including the shared one.
const persona = `${run}/shared/persona`;
await call("POST", "/api/public/v2/prompts", {
  name: persona,
  prompt: "You are a {{tone}} support agent for {{product}}.",
  labels: ["production"],
});
const names = [];
for (let i = 0; i < promptCount; i++) {
  const name = `${run}/agents/agent-${i}`;
  const system =
    i % 2 === 0 ? `@@@langfusePrompt:name=${persona}|label=production@@@ Answer in {{language}}.` : "You answer in {{language}}.";
  await call("POST", "/api/public/v2/prompts", {
    name,
    type: "chat",
    prompt: [
      { role: "system", content: system },
      { type: "placeholder", name: "history" },
      { role: "user", content: "{{question}}" },
    ],
    config: { model: "gpt-4o", temperature: 0.2 },
    labels: ["production"],
  });
  names.push(name);
}
const paths = names.map((n) => `/api/public/v2/prompts/${encodeURIComponent(n)}`);
for (const p of paths) await call("GET", p); // fill the cache

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");
console.log(`load average (1/5/15 min) at the start: ${load()}`);

/** The web process's event-loop and GC figures from /metrics (prom-client's default metrics). */
async function webMetrics() {
  const res = await fetch(`${args.url}/metrics`, {
    headers: args["metrics-token"] ? { authorization: `Bearer ${args["metrics-token"]}` } : {},
  }).catch(() => null);
  if (!res?.ok) return null;
  const text = await res.text();
  const value = (re) => Number(re.exec(text)?.[1] ?? Number.NaN);
  const gc = {};
  for (const m of text.matchAll(/^loupe_web_nodejs_gc_duration_seconds_(sum|count)\{kind="(\w+)"\} (\S+)$/gm)) {
    gc[m[2]] ??= { sum: 0, count: 0 };
    gc[m[2]][m[1]] = Number(m[3]);
  }
  return {
    cpuSeconds: value(/^loupe_web_process_cpu_seconds_total (\S+)$/m),
    lagMax: value(/^loupe_web_nodejs_eventloop_lag_max_seconds (\S+)$/m),
    lagP99: value(/^loupe_web_nodejs_eventloop_lag_p99_seconds (\S+)$/m),
    gc,
  };
}

// Ingestion beside the warm phase, as a separate client process so it does not share this event loop.
let ingestion = null;
const ingestRate = Number(args["ingest-rate"]);
if (ingestRate > 0) {
  const script = path.join(import.meta.dirname, "ingest.mjs");
  // Offered for the 5 s lead-in plus the warm phase; the client then waits until the worker merged it all.
  const events = String(ingestRate * (seconds + 5));
  ingestion = spawn(
    process.execPath,
    [
      script,
      "--url",
      args.url,
      "--public-key",
      args["public-key"],
      "--secret-key",
      args["secret-key"],
      "--rate",
      String(ingestRate),
      "--events",
      events,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  ingestion.stdout.on("data", (d) => (out += d));
  ingestion.finished = new Promise((resolve) => ingestion.on("exit", () => resolve(out)));
  console.log(`ingestion at ${ingestRate} events/s started beside the fetches (bench/ingest.mjs, ${events} events)`);
  await new Promise((r) => setTimeout(r, 5000));
}
const before = await webMetrics(); // also resets the lag window

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const target = new URL(args.url);
/** One warm fetch, its body read; resolves to the status. */
function warmFetch(p) {
  const headers = { authorization: auth, "accept-encoding": args["accept-encoding"] };
  if (args.client !== "http")
    return fetch(`${args.url}${p}`, { headers }).then(async (res) => {
      await res.arrayBuffer();
      return res.status;
    });
  return new Promise((resolve, reject) => {
    const req = http.get({ host: target.hostname, port: target.port, path: p, headers, agent }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
  });
}

// Warm path, open loop at `rate`.
const latencies = [];
let errors = 0;
const inFlight = new Set();
const started = performance.now();
const total = rate * seconds;
for (let i = 0; i < total; i++) {
  const due = started + (i * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  const t0 = performance.now();
  const req = warmFetch(paths[i % paths.length])
    .then((status) => {
      if (status === 200) latencies.push(performance.now() - t0);
      else errors++;
    })
    .catch(() => errors++)
    .finally(() => inFlight.delete(req));
  inFlight.add(req);
}
await Promise.all(inFlight);
const elapsed = (performance.now() - started) / 1000;
console.log(
  `warm (cached) fetches (${args.client} client): offered ${rate}/s for ${seconds} s, achieved ${(latencies.length / elapsed).toFixed(0)}/s, errors ${errors}`,
);
console.log(`  ${summary(latencies)}`);
const after = await webMetrics();
if (after) {
  const gc = Object.entries(after.gc)
    .map(([kind, g]) => `${kind} ${g.count} × ${((g.sum * 1000) / Math.max(1, g.count)).toFixed(1)} ms`)
    .join(", ");
  const cpuMs = before ? ((after.cpuSeconds - before.cpuSeconds) * 1000) / Math.max(1, latencies.length + errors) : Number.NaN;
  console.log(`  web process CPU per fetch (accept-encoding: ${args["accept-encoding"]}): ${cpuMs.toFixed(2)} ms`);
  console.log(
    `  web event loop during the warm phase: lag max ${(after.lagMax * 1000).toFixed(1)} ms, p99 ${(after.lagP99 * 1000).toFixed(1)} ms; GC since start: ${gc}`,
  );
}
console.log(`load average (1/5/15 min) after the warm phase: ${load()}`);

// Cold path: a label move invalidates the project's cache; the next fetch resolves from Postgres.
const cold = [];
for (let i = 0; i < Number(args["cold-samples"]); i++) {
  const name = names[i % names.length];
  await call("PATCH", `/api/public/v2/prompts/${encodeURIComponent(name)}/versions/1`, { newLabels: [`bench-${i % 5}`] });
  const t0 = performance.now();
  await call("GET", paths[i % paths.length]);
  cold.push(performance.now() - t0);
}
console.log("cold (cache miss after a label move, half with a resolved reference):");
console.log(`  ${summary(cold)}`);
if (ingestion) {
  const out = await ingestion.finished;
  try {
    const r = JSON.parse(out.slice(out.indexOf("{")));
    console.log(
      `ingestion beside the warm phase: ${r.acceptedEventsPerSecond} events/s accepted of ${ingestRate} offered, request p50 ${r.requestLatencyMs.p50} ms / p99 ${r.requestLatencyMs.p99} ms, failed requests ${r.failedRequests}`,
    );
  } catch {
    console.log(`ingestion client output:\n${out}`);
  }
}
