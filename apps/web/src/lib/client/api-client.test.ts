import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, isRetryable } from "./api-client";

describe("isRetryable", () => {
  it("offers a retry where asking again can succeed", () => {
    expect(isRetryable(new ApiError(0, "Could not reach the Loupe server"))).toBe(true);
    for (const status of [500, 502, 503, 408, 429]) expect(isRetryable(new ApiError(status, "x"))).toBe(true);
    expect(isRetryable(new TypeError("Failed to fetch"))).toBe(true);
  });

  it("does not where the same request fails the same way", () => {
    for (const status of [400, 401, 403, 404, 409, 422]) expect(isRetryable(new ApiError(status, "x"))).toBe(false);
    const mismatch = z.object({ a: z.string() }).safeParse({});
    expect(mismatch.success).toBe(false);
    expect(isRetryable(mismatch.error)).toBe(false);
  });
});
