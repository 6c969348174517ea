import os from "node:os";

/**
 * Raises this process's nice value by `by` (lower CPU priority), first thing at start: on Linux a nice
 * value belongs to a thread, and the threads started later (libuv's pool, worker threads) inherit it.
 * Returns the priority now in effect, and why it could not be changed (a platform without nice).
 */
export function lowerOwnPriority(by: number): { priority: number; failure?: string } {
  const before = os.getPriority();
  if (by <= 0) return { priority: before };
  try {
    os.setPriority(Math.min(19, before + by));
    return { priority: os.getPriority() };
  } catch (error) {
    return { priority: before, failure: (error as Error).message };
  }
}
