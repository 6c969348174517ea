// Keeps one child process of `npm start` running: a child that dies (crash, OOM kill, kill -9) is
// started again after a delay that doubles on each quick death (1 s, 2 s, 4 s … 30 s) and resets once
// the child has stayed up for a minute, so a crash loop does not spin the CPU. Only stop() ends it.
import { spawn } from "node:child_process";

export function supervise({
  name,
  command,
  args = [],
  options = {},
  log,
  initialDelayMs = 1000,
  maxDelayMs = 30_000,
  healthyAfterMs = 60_000,
}) {
  let child;
  let delay = initialDelayMs;
  let restarts = 0;
  let stopping = false;
  let timer;
  let onStopped;
  const stopped = new Promise((resolve) => {
    onStopped = resolve;
  });

  function start() {
    const startedAt = Date.now();
    child = spawn(command, args, options);
    child.once("error", (error) => log(`${name} could not be started: ${error.message}`));
    child.once("exit", (code, signal) => {
      if (stopping) return onStopped();
      if (Date.now() - startedAt >= healthyAfterMs) delay = initialDelayMs;
      restarts++;
      log(`${name} exited unexpectedly (${signal ?? `exit code ${code}`}); restarting it in ${delay / 1000} s (restart ${restarts}).`);
      timer = setTimeout(start, delay);
      delay = Math.min(delay * 2, maxDelayMs);
    });
  }
  start();

  return {
    get pid() {
      return child.pid;
    },
    get restarts() {
      return restarts;
    },
    /** Asks the child to stop (SIGTERM, SIGKILL after `forceAfterMs`) and resolves once it has exited. */
    stop(signal = "SIGTERM", forceAfterMs = 35_000) {
      stopping = true;
      clearTimeout(timer);
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      child.kill(signal);
      const force = setTimeout(() => child.kill("SIGKILL"), forceAfterMs);
      force.unref();
      return stopped;
    },
  };
}
