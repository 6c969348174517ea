import { describe, expect, it } from "vitest";
import { isMetricsScrapeAllowed } from "./metrics-auth.ts";

describe("isMetricsScrapeAllowed", () => {
  it("lets every scrape in when no token is configured", () => {
    expect(isMetricsScrapeAllowed(null, undefined)).toBe(true);
    expect(isMetricsScrapeAllowed("Bearer anything", "")).toBe(true);
  });

  it("needs the configured bearer token when one is set", () => {
    const token = "s3cret-metrics-token";
    expect(isMetricsScrapeAllowed(`Bearer ${token}`, token)).toBe(true);
    expect(isMetricsScrapeAllowed(`bearer ${token}`, token)).toBe(true);
    expect(isMetricsScrapeAllowed(null, token)).toBe(false);
    expect(isMetricsScrapeAllowed("", token)).toBe(false);
    expect(isMetricsScrapeAllowed(`Bearer ${token}x`, token)).toBe(false);
    expect(isMetricsScrapeAllowed(`Bearer ${token.slice(0, -1)}`, token)).toBe(false);
    expect(isMetricsScrapeAllowed(`Basic ${Buffer.from(`x:${token}`).toString("base64")}`, token)).toBe(false);
    expect(isMetricsScrapeAllowed(`Bearer ${token} extra`, token)).toBe(false);
  });
});
