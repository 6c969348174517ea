#!/usr/bin/env node
// `npm test`: typecheck, lint, import direction and unused code, unit + integration tests (real Postgres test db, real Redis), then
// Playwright end-to-end tests in Chromium against the production build started by `npm start`.
// Ends with one line "N passed, N failed" counting every suite.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RESULTS = path.join(ROOT, "test-results");
const bin = (name) => path.join(ROOT, "node_modules/.bin", name);
const DEPCRUISE_DIRS = ["apps", "packages", "scripts", "bench"];
const say = (msg) => console.log(`\n[test] ${msg}`);

if (!fs.existsSync(path.join(ROOT, "node_modules", ".package-lock.json"))) {
  say("Installing dependencies…");
  spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: "inherit" });
}

const { loadConfig } = await import("./lib/config.mjs");
const { preflight } = await import("./lib/preflight.mjs");
const env = { ...loadConfig({ log: say }), NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1", CI: process.env.CI ?? "" };
try {
  await preflight(env);
} catch (error) {
  console.error(`\n${error.message}\n`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}

fs.rmSync(RESULTS, { recursive: true, force: true });
fs.mkdirSync(path.join(RESULTS, "screenshots"), { recursive: true });

const tally = { passed: 0, failed: 0, skipped: 0 };
const step = (name, cmd, args, options = {}) => {
  say(name);
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...env, ...options.env } });
  console.log(`[test] ${name}: ${result.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
};
const count = (ok) => (ok ? tally.passed++ : tally.failed++);

count(step("Generate the Prisma client", "npm", ["run", "--silent", "db:generate"]));
count(step("Typecheck", bin("turbo"), ["run", "typecheck", "--output-logs=errors-only"]));
count(step("Lint and format check", bin("biome"), ["ci", "."]));
count(step("Dependency direction (dependency-cruiser)", bin("depcruise"), ["--config", ".dependency-cruiser.cjs", ...DEPCRUISE_DIRS]));
count(step("Unused files, exports and dependencies (knip)", bin("knip"), []));

const vitestJson = path.join(RESULTS, "vitest.json");
const vitestOk = step("Unit and integration tests", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestJson}`,
]);
if (fs.existsSync(vitestJson)) {
  const report = JSON.parse(fs.readFileSync(vitestJson, "utf8"));
  tally.passed += report.numPassedTests;
  // Files that failed without a failing test (import or setup errors) count once each.
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
  ).length;
  tally.failed += report.numFailedTests + brokenFiles;
  tally.skipped += report.numPendingTests + report.numTodoTests;
  if (!vitestOk && report.numFailedTests === 0 && brokenFiles === 0) tally.failed++;
} else if (!vitestOk) tally.failed++;

// A fresh database for the end-to-end run; `npm start` (Playwright's web server) creates and migrates it.
const e2eDbName = `loupe_e2e${process.env.LOUPE_TEST_ID ? `_${process.env.LOUPE_TEST_ID}` : ""}`;
const e2eDb = new URL(env.DATABASE_URL);
const dropped = spawnSync(
  process.execPath,
  [
    "-e",
    `const pg=require("pg");const u=new URL(process.argv[1]);u.pathname="/postgres";const c=new pg.Client({connectionString:u.toString()});c.connect().then(()=>c.query('DROP DATABASE IF EXISTS "'+process.argv[2]+'" WITH (FORCE)')).then(()=>c.end()).catch(e=>{console.error(e.message);process.exit(1)})`,
    e2eDb.toString(),
    e2eDbName,
  ],
  { cwd: ROOT, stdio: "inherit" },
);
if (dropped.status !== 0) tally.failed++;

// Built here rather than inside Playwright's web-server start (which allows 300 s): on a busy machine the
// production build alone can take longer. `npm start` then finds it in turbo's cache.
count(step("Build the web app for the end-to-end run", bin("turbo"), ["run", "build", "--filter=@loupe/web", "--output-logs=errors-only"]));

const pwJson = path.join(RESULTS, "playwright.json");
const e2eOk = step("End-to-end tests (Playwright, Chromium)", bin("playwright"), ["test", "-c", "apps/web/playwright.config.ts"], {
  env: { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson },
});
if (fs.existsSync(pwJson)) {
  const { stats } = JSON.parse(fs.readFileSync(pwJson, "utf8"));
  tally.passed += stats.expected;
  tally.failed += stats.unexpected + stats.flaky;
  tally.skipped += stats.skipped;
  if (!e2eOk && stats.unexpected === 0 && stats.flaky === 0) tally.failed++;
} else if (!e2eOk) tally.failed++;

console.log(`\n${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ""}`);
process.exit(tally.failed > 0 ? 1 : 0);
