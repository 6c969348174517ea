import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";

const WORKER_DIR = path.resolve(import.meta.dirname, "../..");

export type TestProcess = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/**
 * Runs a TypeScript entry point of the worker app as one real node process (tsx as a loader, not
 * the tsx CLI, whose wrapper would survive a SIGKILL meant for the program), collecting its output.
 */
export function startTsProcess(script: string, args: string[] = [], env: Record<string, string> = {}): TestProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: WORKER_DIR,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return collect(child);
}

/** Collects a child's stdout and stderr. */
function collect(child: ChildProcess): TestProcess {
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** The worker as users run it, with schedules off so tests decide when the sweep runs. */
export async function startWorker(env: Record<string, string> = {}): Promise<TestProcess> {
  const worker = startTsProcess("src/main.ts", [], { WORKER_PORT: "0", LOUPE_SCHEDULES: "false", LOG_LEVEL: "info", ...env });
  await waitUntil(
    () => worker.output().includes("worker started"),
    // tsx compiles the whole worker at start: on a loaded 2-core machine that alone took over 30 s.
    90_000,
    () => `worker did not start:\n${worker.output()}`,
  ).catch((error: unknown) => {
    // A worker that starts after the test gave up would otherwise keep running (and consuming jobs).
    worker.child.kill("SIGKILL");
    throw error;
  });
  return worker;
}

export async function waitUntil(ready: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string): Promise<void> {
  const started = Date.now();
  while (!(await ready())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out: ${describe()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A private, empty redis-server on `port` without persistence, for tests that kill or restart Redis
 * (never the shared one: other suites use it). Killing it and starting it again on the same port is
 * a Redis restart that loses every key.
 */
export async function startRedisServer(port: number): Promise<TestProcess & { url: string }> {
  const redis = collect(
    spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  await waitUntil(
    () => redis.output().includes("Ready to accept connections"),
    10_000,
    () => `redis-server did not start:\n${redis.output()}`,
  );
  return { ...redis, url: `redis://127.0.0.1:${port}` };
}
