import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// In a child process: lowering a priority cannot be undone without privileges, and the test runner's
// own threads must keep theirs.
const niceAfter = (by: number) =>
  Number(
    execFileSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import("${path.join(import.meta.dirname, "priority.ts")}").then((m) => console.log(m.lowerOwnPriority(${by}).priority))`,
      ],
      { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent" } },
    ).trim(),
  );

describe("the worker's CPU priority", () => {
  it("is lowered by LOUPE_WORKER_NICE at start, up to nice 19, and left as it is with 0", () => {
    const own = os.getPriority();
    expect(niceAfter(10)).toBe(Math.min(19, own + 10));
    expect(niceAfter(19)).toBe(19);
    expect(niceAfter(0)).toBe(own);
  });
});
