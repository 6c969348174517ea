import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BoundedLabelValues, type MeteredObservation, meterObservationMerge, meterScoreMerge } from "./llm-metrics.ts";

const t0 = new Date("2026-12-01T10:00:00.000Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const generation = (patch: Partial<MeteredObservation> = {}): MeteredObservation => ({
  type: "GENERATION",
  name: "chat",
  level: "DEFAULT",
  model: "gpt-4o",
  startTime: t0,
  endTime: null,
  completionStartTime: null,
  usageDetails: {},
  totalCost: null,
  ...patch,
});

describe("meterObservationMerge", () => {
  it("counts a generation once, when it ends, with its duration, time to first token, tokens and cost", () => {
    const running = generation({ usageDetails: { input: 100 } });
    expect(meterObservationMerge(null, running)).toEqual({ tokens: [] });
    const ended = generation({
      endTime: at(2500),
      completionStartTime: at(400),
      usageDetails: { input: 100, input_cached: 20, output: 50, output_reasoning: 30, total: 200 },
      totalCost: 0.0012,
    });
    expect(meterObservationMerge(running, ended)).toEqual({
      request: { model: "gpt-4o", status: "success", durationSeconds: 2.5, timeToFirstTokenSeconds: 0.4 },
      tokens: [
        { model: "gpt-4o", tokenType: "input", count: 100 },
        { model: "gpt-4o", tokenType: "cached", count: 20 },
        { model: "gpt-4o", tokenType: "output", count: 50 },
        { model: "gpt-4o", tokenType: "reasoning", count: 30 },
      ],
      costUsd: { model: "gpt-4o", usd: 0.0012 },
    });
  });

  it("adds nothing when a final generation is merged again (SDK retry, replay)", () => {
    const ended = generation({ endTime: at(1000), usageDetails: { input: 10, output: 5 }, totalCost: 0.01, level: "ERROR" });
    expect(meterObservationMerge(null, ended).request?.status).toBe("error");
    expect(meterObservationMerge(ended, ended)).toEqual({ tokens: [] });
  });

  it("adds only the difference when usage or cost arrives after the end", () => {
    const ended = generation({ endTime: at(1000), usageDetails: { input: 10 }, totalCost: 0.001 });
    const withOutput = generation({ endTime: at(1000), usageDetails: { input: 10, output: 40 }, totalCost: 0.003 });
    const metrics = meterObservationMerge(ended, withOutput);
    expect(metrics.request).toBeUndefined();
    expect(metrics.tokens).toEqual([{ model: "gpt-4o", tokenType: "output", count: 40 }]);
    expect(metrics.costUsd?.usd).toBeCloseTo(0.002, 12);
  });

  it("sums the counts of any sequence of merges of one generation to exactly what its final row holds", () => {
    const usage = fc.record({ input: fc.nat(1000), output: fc.nat(1000), input_cached: fc.nat(100) });
    const step = fc.record({ ended: fc.boolean(), usage, cost: fc.nat(1000) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        // Stored usage and cost only grow in this model (a later event fills in, never takes away).
        let before: MeteredObservation | null = null;
        let endedOnce = false;
        const totals = new Map<string, number>();
        let cost = 0;
        let requests = 0;
        let maxUsage = { input: 0, output: 0, input_cached: 0 };
        let maxCost = 0;
        for (const s of steps) {
          endedOnce ||= s.ended;
          maxUsage = {
            input: Math.max(maxUsage.input, s.usage.input),
            output: Math.max(maxUsage.output, s.usage.output),
            input_cached: Math.max(maxUsage.input_cached, s.usage.input_cached),
          };
          maxCost = Math.max(maxCost, s.cost);
          const after = generation({ endTime: endedOnce ? at(1000) : null, usageDetails: { ...maxUsage }, totalCost: maxCost });
          const m = meterObservationMerge(before, after);
          if (m.request) requests++;
          for (const tk of m.tokens) totals.set(tk.tokenType, (totals.get(tk.tokenType) ?? 0) + tk.count);
          cost += m.costUsd?.usd ?? 0;
          before = after;
        }
        const positive = (n: number) => (n > 0 ? n : undefined);
        expect(requests).toBe(endedOnce ? 1 : 0);
        expect(totals.get("input")).toBe(endedOnce ? positive(maxUsage.input) : undefined);
        expect(totals.get("output")).toBe(endedOnce ? positive(maxUsage.output) : undefined);
        expect(totals.get("cached")).toBe(endedOnce ? positive(maxUsage.input_cached) : undefined);
        expect(cost).toBe(endedOnce ? maxCost : 0);
      }),
    );
  });

  it("counts tools once with their status, events at once, and nothing for spans", () => {
    const tool = generation({ type: "TOOL", name: "search_docs", model: null, endTime: at(300), level: "ERROR" });
    expect(meterObservationMerge(null, tool)).toEqual({ tokens: [], tool: { toolName: "search_docs", status: "error" } });
    expect(meterObservationMerge(tool, tool)).toEqual({ tokens: [] });
    const event = generation({ type: "EVENT", model: null, name: "cache-hit" });
    expect(meterObservationMerge(null, event)).toEqual({ tokens: [] });
    const embedding = generation({ type: "EMBEDDING", model: null, endTime: at(50), usageDetails: { input: 8 } });
    expect(meterObservationMerge(null, embedding).request?.model).toBe("unknown");
    expect(meterObservationMerge(null, generation({ type: "SPAN", endTime: at(10) }))).toEqual({ tokens: [] });
  });

  it("has no duration when the end is before the start, nor a time to first token without completionStartTime", () => {
    const m = meterObservationMerge(null, generation({ startTime: at(1000), endTime: at(0) }));
    expect(m.request).toMatchObject({ durationSeconds: null, timeToFirstTokenSeconds: null });
  });
});

describe("meterScoreMerge", () => {
  it("observes numeric and boolean scores once, when first stored", () => {
    expect(meterScoreMerge(true, { name: "helpfulness", dataType: "NUMERIC", value: 0.8 })).toEqual({
      scoreName: "helpfulness",
      value: 0.8,
    });
    expect(meterScoreMerge(true, { name: "thumbs", dataType: "BOOLEAN", value: 1 })).toEqual({ scoreName: "thumbs", value: 1 });
    expect(meterScoreMerge(false, { name: "helpfulness", dataType: "NUMERIC", value: 0.2 })).toBeNull();
    expect(meterScoreMerge(true, { name: "tone", dataType: "CATEGORICAL", value: 2 })).toBeNull();
    expect(meterScoreMerge(true, { name: "x", dataType: "NUMERIC", value: null })).toBeNull();
  });
});

describe("BoundedLabelValues", () => {
  it("passes the first values of each project and folds the rest into 'other', per project", () => {
    const models = new BoundedLabelValues(2);
    expect(models.value("p1", "gpt-4o")).toBe("gpt-4o");
    expect(models.value("p1", "claude")).toBe("claude");
    expect(models.value("p1", "random-1")).toBe("other");
    expect(models.value("p1", "gpt-4o")).toBe("gpt-4o");
    // Another project's flood does not push p2's models into "other".
    expect(models.value("p2", "gemini")).toBe("gemini");
    expect(models.value("p1", "x".repeat(500))).toBe("other");
    expect(new BoundedLabelValues(5).value("p", "y".repeat(500))).toHaveLength(200);
  });
});
