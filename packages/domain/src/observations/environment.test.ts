import { describe, expect, it } from "vitest";
import { normalizeEnvironment } from "./environment.ts";
import { sanitizeJson } from "./sanitize-json.ts";

describe("normalizeEnvironment", () => {
  it.each([
    ["Production", "production"],
    ["  staging ", "staging"],
    ["langfuse-prod", "prod"],
    ["langfuse", "default"],
    ["", "default"],
    [undefined, "default"],
    [42, "default"],
    ["dev env!", "devenv"],
    ["x".repeat(60), "x".repeat(40)],
  ])("%j → %j", (raw, expected) => {
    expect(normalizeEnvironment(raw)).toBe(expected);
  });
});

describe("sanitizeJson", () => {
  it("replaces NULs and lone surrogates with U+FFFD in keys and values", () => {
    expect(sanitizeJson({ "a\u0000": ["x\u0000y", "\udc00"], n: 1, b: null })).toEqual({
      "a\ufffd": ["x\ufffdy", "\ufffd"],
      n: 1,
      b: null,
    });
  });

  it("returns clean JSON as it is, and fixes what lies deep inside otherwise", () => {
    const clean = { a: [{ b: "text ✓ 😀" }], n: 1, u: undefined };
    expect(sanitizeJson(clean)).toBe(clean);
    const deep = { a: [{ b: ["ok", { c: "bad\ud800" }] }], keep: "x" };
    expect(sanitizeJson(deep)).toEqual({ a: [{ b: ["ok", { c: "bad\ufffd" }] }], keep: "x" });
    expect(deep.a[0]?.b[1]).toEqual({ c: "bad\ud800" });
  });
});
