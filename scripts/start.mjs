#!/usr/bin/env node
// `npm start`: install what is missing, check services, migrate, create the initial project, build,
// then serve web + worker until Ctrl-C. Uses only Node built-ins until dependencies are installed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const say = (msg) => console.log(`[loupe] ${msg}`);

function fail(message, code = 1) {
  console.error(`\n[loupe] ${message.replaceAll("\n", "\n[loupe] ")}\n`);
  process.exit(code);
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Loupe needs Node.js 20.19 or newer; this is ${process.version}.`);

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", ...options });
  if (result.status !== 0) fail(`\`${[cmd, ...args].join(" ")}\` failed (exit ${result.status ?? result.signal}).`);
}

function needsInstall() {
  const marker = path.join(ROOT, "node_modules", ".package-lock.json");
  if (!fs.existsSync(marker)) return true;
  const lockTime = fs.statSync(path.join(ROOT, "package-lock.json")).mtimeMs;
  return lockTime > fs.statSync(marker).mtimeMs + 1000;
}

if (process.env.LOUPE_SKIP_INSTALL !== "1" && needsInstall()) {
  say("Installing dependencies (npm install)…");
  run("npm", ["install", "--no-audit", "--no-fund"]);
}

const { loadConfig } = await import("./lib/config.mjs");
const { preflight, PreflightError } = await import("./lib/preflight.mjs");

let env;
try {
  env = { ...loadConfig({ log: say }), NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" };
} catch (error) {
  fail(error.message, 2);
}
try {
  await preflight(env);
} catch (error) {
  if (error instanceof PreflightError) fail(error.message, 3);
  throw error;
}

say("Generating the database client…");
run("npm", ["run", "--silent", "db:generate"], { env, stdio: ["ignore", "ignore", "inherit"] });
say("Applying migrations and initial setup…");
run(path.join(ROOT, "node_modules/.bin/tsx"), ["apps/worker/src/cli/setup.ts"], { env });

if (process.env.LOUPE_SKIP_BUILD !== "1") {
  say("Building (cached when nothing changed)…");
  run(path.join(ROOT, "node_modules/.bin/turbo"), ["run", "build", "--filter=@loupe/web", "--output-logs=errors-only"], { env });
}

const localUrl = `http://${env.HOSTNAME === "0.0.0.0" ? "localhost" : env.HOSTNAME}:${env.PORT}`;
say(`Starting web on ${env.NEXTAUTH_URL || localUrl} and the worker…`);
const { supervise } = await import("./lib/supervise.mjs");
const children = [
  supervise({
    name: "web",
    // Next's production server behind the Node server that answers the hot routes (ADR 0005).
    command: process.execPath,
    args: ["--import", "tsx", "src/node-server/main.ts"],
    options: {
      cwd: path.join(ROOT, "apps/web"),
      env: { ...env, NODE_ENV: "production", LOUPE_SERVICE_NAME: "loupe-web" },
      stdio: "inherit",
    },
    log: say,
  }),
  // node --import tsx, not the tsx CLI: one process, so a signal reaches the worker itself.
  supervise({
    name: "worker",
    command: process.execPath,
    args: ["--import", "tsx", "src/main.ts"],
    options: {
      cwd: path.join(ROOT, "apps/worker"),
      env: { ...env, NODE_ENV: "production", LOUPE_SERVICE_NAME: "loupe-worker" },
      stdio: "inherit",
    },
    log: say,
  }),
];

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  say(`Stopping (${signal})…`);
  Promise.all(children.map((c) => c.stop("SIGTERM"))).then(() => process.exit(0));
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
