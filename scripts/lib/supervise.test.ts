import { describe, expect, it } from "vitest";
import { supervise } from "./supervise.mjs";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(check: () => boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

// What `npm start` does when the web or the worker dies: start it again, with backoff, and say so.
describe("npm start's supervisor", () => {
  it("restarts a child killed with SIGKILL, with a growing delay, and stops it for good on stop()", async () => {
    const lines: string[] = [];
    const child = supervise({
      name: "worker",
      command: process.execPath,
      args: ["-e", "setInterval(() => {}, 1000)"],
      options: { stdio: "ignore" },
      log: (line: string) => lines.push(line),
      initialDelayMs: 50,
    });
    const first = child.pid as number;
    await until(() => alive(first));
    process.kill(first, "SIGKILL");
    await until(() => child.pid !== first && alive(child.pid as number));
    expect(lines[0]).toBe("worker exited unexpectedly (SIGKILL); restarting it in 0.05 s (restart 1).");

    const second = child.pid as number;
    process.kill(second, "SIGKILL");
    await until(() => child.pid !== second && alive(child.pid as number));
    expect(lines[1]).toBe("worker exited unexpectedly (SIGKILL); restarting it in 0.1 s (restart 2).");
    expect(child.restarts).toBe(2);

    const third = child.pid as number;
    await child.stop();
    expect(alive(third)).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    expect(child.pid).toBe(third);
    expect(lines).toHaveLength(2);
  });

  it("reports a child that exits with an error code", async () => {
    const lines: string[] = [];
    const child = supervise({
      name: "web",
      command: process.execPath,
      args: ["-e", "process.exit(3)"],
      options: { stdio: "ignore" },
      log: (line: string) => lines.push(line),
      initialDelayMs: 50,
    });
    await until(() => lines.length >= 2);
    await child.stop();
    expect(lines[0]).toBe("web exited unexpectedly (exit code 3); restarting it in 0.05 s (restart 1).");
    expect(lines[1]).toContain("restarting it in 0.1 s (restart 2)");
  });
});
