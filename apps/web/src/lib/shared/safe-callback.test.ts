import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInUrlFor } from "./safe-callback";

describe("safeCallbackPath", () => {
  it("keeps same-origin paths with their query and hash", () => {
    expect(safeCallbackPath("/project/p1/traces/t1?observation=o1&peek=x")).toBe("/project/p1/traces/t1?observation=o1&peek=x");
    expect(safeCallbackPath("/project/p1/sessions/s%201#turn-2")).toBe("/project/p1/sessions/s%201#turn-2");
  });

  it.each([
    "//evil.com",
    "//evil.com/project/p1",
    "https://evil.com",
    "http://evil.com/project",
    "/\\evil.com",
    "/\\/evil.com",
    "\\\\evil.com",
    "javascript:alert(1)",
    " /project",
    "/pro\nject",
    "/\tevil.com",
    "",
  ])("refuses %j", (raw) => {
    expect(safeCallbackPath(raw, "/fallback")).toBe("/fallback");
  });

  it("builds the sign-in URL for a deep link and drops unsafe ones", () => {
    expect(signInUrlFor("/project/p1/users/u%2F1?from=2026-01-01")).toBe(
      `/auth/sign-in?callbackUrl=${encodeURIComponent("/project/p1/users/u%2F1?from=2026-01-01")}`,
    );
    expect(signInUrlFor("//evil.com")).toBe("/auth/sign-in");
  });
});
