import { type ChildProcess, spawn } from "node:child_process";
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
export async function startWorker(): Promise<TestProcess> {
  const worker = startTsProcess("src/main.ts", [], { WORKER_PORT: "0", LOUPE_SCHEDULES: "false", LOG_LEVEL: "info" });
  await waitUntil(
    () => worker.output().includes("worker started"),
    30_000,
    () => `worker did not start:\n${worker.output()}`,
  );
  return worker;
}

export async function waitUntil(ready: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string): Promise<void> {
  const started = Date.now();
  while (!(await ready())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out: ${describe()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
