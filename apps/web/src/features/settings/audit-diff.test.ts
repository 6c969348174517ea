import { describe, expect, it } from "vitest";
import { auditDiff } from "./audit-diff";

describe("auditDiff", () => {
  it("lists only the fields that changed, both sides as text", () => {
    expect(auditDiff({ enabled: false, rules: [], same: 1 }, { enabled: true, rules: [{ name: "x" }], same: 1 })).toEqual([
      { field: "enabled", before: "false", after: "true" },
      { field: "rules", before: "[]", after: '[\n {\n  "name": "x"\n }\n]' },
    ]);
  });
  it("shows a creation and a deletion as one-sided rows", () => {
    expect(auditDiff(null, { note: "ci" })).toEqual([{ field: "note", before: null, after: "ci" }]);
    expect(auditDiff({ note: "ci" }, null)).toEqual([{ field: "note", before: "ci", after: null }]);
  });
});
