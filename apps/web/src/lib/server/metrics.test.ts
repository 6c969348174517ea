import { describe, expect, it } from "vitest";
import { routePattern } from "./metrics";

describe("routePattern", () => {
  it("replaces each parameter's segment with its name, so the label has one value per route", () => {
    expect(routePattern("/api/public/traces/abc-123", { traceId: "abc-123" })).toBe("/api/public/traces/[traceId]");
    expect(routePattern("/api/internal/projects/p1/traces/t1", { projectId: "p1", traceId: "t1" })).toBe(
      "/api/internal/projects/[projectId]/traces/[traceId]",
    );
    expect(routePattern("/api/public/ingestion", {})).toBe("/api/public/ingestion");
  });

  it("matches encoded names (a prompt folder name in one segment) and catch-all params", () => {
    expect(routePattern("/api/public/v2/prompts/support%2Ftriage", { promptName: "support/triage" })).toBe(
      "/api/public/v2/prompts/[promptName]",
    );
    expect(routePattern("/project/p1/prompts/support/triage", { projectId: "p1", name: ["support", "triage"] })).toBe(
      "/project/[projectId]/prompts/[...name]",
    );
  });

  it("replaces a value that repeats only once per parameter and survives malformed escapes", () => {
    expect(routePattern("/api/public/projects/x/x", { a: "x", b: "x" })).toBe("/api/public/projects/[a]/[b]");
    expect(routePattern("/api/public/traces/%E0%A4%A", { traceId: "%E0%A4%A" })).toBe("/api/public/traces/[traceId]");
  });
});
