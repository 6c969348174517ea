#!/usr/bin/env node
// Ingest rate with and without LLM-as-a-judge (A/B, back to back on the same server): runs
// bench/ingest.mjs once with no evaluation rule, then again with a rule that judges 100 % of the
// generations through a loopback judge answering after 500 ms. Eval jobs run on their own queue, so
// the two ingest figures should match; the judge's own throughput is reported beside them.
//
//   node bench/eval-ingest.mjs --url http://127.0.0.1:3000 --public-key pk-lf-… --secret-key sk-lf-… \
//     [--events 20000] [--rate 2000] [--judge-ms 500] [--database-url postgresql://…/loupe]
// The server must allow loopback base URLs (LOUPE_LLM_ALLOW_PRIVATE_BASE_URLS=true).
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    "public-key": { type: "string" },
    "secret-key": { type: "string" },
    events: { type: "string", default: "20000" },
    rate: { type: "string", default: "2000" },
    "judge-ms": { type: "string", default: "500" },
    "database-url": { type: "string", default: process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/loupe" },
  },
});
if (!args["public-key"] || !args["secret-key"]) {
  console.error("usage: node bench/eval-ingest.mjs --public-key pk-lf-… --secret-key sk-lf-… [--url] [--events] [--rate] [--judge-ms]");
  process.exit(2);
}
const auth = `Basic ${Buffer.from(`${args["public-key"]}:${args["secret-key"]}`).toString("base64")}`;
const judgeMs = Number(args["judge-ms"]);

// A judge that answers every chat completion with a verdict after judgeMs (OpenAI's response shape).
let judged = 0;
const judge = createServer((req, res) => {
  req.resume();
  req.on("end", () =>
    setTimeout(() => {
      judged++;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: `chatcmpl-${judged}`,
          object: "chat.completion",
          model: "gpt-4o-mini",
          choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: '{"reasoning":"fine","score":1}' } }],
          usage: { prompt_tokens: 300, completion_tokens: 10, total_tokens: 310 },
        }),
      );
    }, judgeMs),
  );
});
await new Promise((resolve) => judge.listen(0, "127.0.0.1", resolve));
const judgeUrl = `http://127.0.0.1:${judge.address().port}/v1`;

async function api(method, route, body) {
  const res = await fetch(`${args.url}${route}`, {
    method,
    headers: { authorization: auth, "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return res.json();
}

function ingestRun() {
  const out = execFileSync(
    process.execPath,
    [
      path.join(import.meta.dirname, "ingest.mjs"),
      ...["--url", args.url, "--public-key", args["public-key"], "--secret-key", args["secret-key"]],
      ...["--events", args.events, "--rate", args.rate, "--database-url", args["database-url"]],
    ],
    { encoding: "utf8", maxBuffer: 10 * 1024 * 1024 },
  );
  return JSON.parse(out.slice(out.indexOf("{")));
}

const load = () => os.loadavg().map((l) => Number(l.toFixed(2)));
const result = { machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model }, judgeMs, loadAverageAtStart: load() };

result.withoutRule = ingestRun();
result.loadAverageBetween = load();

const run = Date.now().toString(36);
await api("PUT", "/api/public/llm-connections", {
  provider: `bench-judge-${run}`,
  adapter: "openai",
  secretKey: "bench",
  baseURL: judgeUrl,
});
await api("POST", "/api/public/unstable/evaluators", {
  name: `bench-judge-${run}`,
  prompt: "Is {{output}} a good answer to {{input}}?",
  outputDefinition: { dataType: "NUMERIC", reasoning: { description: "why" }, score: { description: "0..1", minValue: 0, maxValue: 1 } },
  modelConfig: { provider: `bench-judge-${run}`, model: "gpt-4o-mini" },
});
const rule = await api("POST", "/api/public/unstable/evaluation-rules", {
  name: `bench-all-generations-${run}`,
  evaluator: { name: `bench-judge-${run}` },
  target: "observation",
  enabled: true,
  sampling: 1,
  filter: [{ type: "stringOptions", column: "type", operator: "any of", value: ["GENERATION"] }],
  mapping: [
    { variable: "input", source: "input" },
    { variable: "output", source: "output" },
  ],
});

const judgedBefore = judged;
const started = Date.now();
result.with100PercentRule = ingestRun();
const seconds = (Date.now() - started) / 1000;
result.loadAverageAtEnd = load();

// Then the judge's own pace, for as long again as the ingest took (the queue is far from drained).
const db = new pg.Client({ connectionString: args["database-url"] });
await db.connect();
const doneCount = async () =>
  (await db.query(`SELECT count(*)::int AS n FROM "EvaluationExecution" WHERE "ruleId" = $1 AND "status" = 'DONE'`, [rule.id])).rows[0].n;
const doneAtIngestEnd = await doneCount();
await new Promise((r) => setTimeout(r, Math.min(120, seconds) * 1000));
const doneAfter = await doneCount();
const { rows } = await db.query(`SELECT "status", count(*)::int AS n FROM "EvaluationExecution" WHERE "ruleId" = $1 GROUP BY 1`, [rule.id]);
await db.end();
result.evaluation = {
  executions: Object.fromEntries(rows.map((r) => [r.status, r.n])),
  doneDuringIngest: doneAtIngestEnd,
  judgeCallsAnswered: judged - judgedBefore,
  scoresPerSecondAfterIngest: Number(((doneAfter - doneAtIngestEnd) / Math.min(120, seconds)).toFixed(1)),
};
await api("PATCH", `/api/public/unstable/evaluation-rules/${rule.id}`, { enabled: false });
judge.close();
console.log(JSON.stringify(result, null, 2));
