import { describe, expect, it } from "vitest";
import { ModelDefinitionSchema, PricingConditionSchema, PricingTiersSchema } from "./model-definition.ts";

const standard = { name: "Standard", isDefault: true, priority: 0, conditions: [], prices: { input: 1e-6, output: 2e-6 } };
const valid = {
  id: "m1",
  source: "project",
  modelName: "my-model",
  matchPattern: "(?i)^my-model$",
  startDate: "2026-01-01T00:00:00Z",
  tokenizerId: null,
  tokenizerConfig: null,
  tiers: [standard],
};

describe("ModelDefinitionSchema", () => {
  it("parses a project model, coercing startDate to a Date and defaulting provenance fields", () => {
    const parsed = ModelDefinitionSchema.parse(valid);
    expect(parsed.startDate).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(parsed.priceUpdated).toBeNull();
    expect(parsed.provenance).toBeNull();
    expect(ModelDefinitionSchema.parse({ ...valid, startDate: null }).startDate).toBeNull();
  });

  it("rejects invalid patterns, sources, dates and prices", () => {
    expect(ModelDefinitionSchema.safeParse({ ...valid, matchPattern: "(?i)^(broken" }).success).toBe(false);
    expect(ModelDefinitionSchema.safeParse({ ...valid, source: "langfuse" }).success).toBe(false);
    expect(ModelDefinitionSchema.safeParse({ ...valid, startDate: "not a date" }).success).toBe(false);
    expect(ModelDefinitionSchema.safeParse({ ...valid, tiers: [{ ...standard, prices: { input: -1 } }] }).success).toBe(false);
    expect(ModelDefinitionSchema.safeParse({ ...valid, tiers: [{ ...standard, prices: {} }] }).success).toBe(false);
  });
});

describe("PricingTiersSchema (§8.1 rules)", () => {
  const fast = {
    name: "Fast mode",
    isDefault: false,
    priority: 1,
    conditions: [{ source: "model_parameters", key: "service_tier", operator: "in", values: ["priority"] }],
    prices: { input: 2e-6 },
  };

  it("accepts one default tier plus conditional tiers", () => {
    expect(PricingTiersSchema.safeParse([standard, fast]).success).toBe(true);
  });

  it.each([
    ["no default tier", [fast]],
    ["two default tiers", [standard, { ...standard, name: "Other", priority: 1 }]],
    ["default tier with conditions", [{ ...standard, conditions: fast.conditions }]],
    ["default tier with priority ≠ 0", [{ ...standard, priority: 3 }]],
    ["conditional tier without conditions", [standard, { ...fast, conditions: [] }]],
    ["duplicate names", [standard, { ...fast, name: "Standard" }]],
    ["duplicate priorities", [standard, fast, { ...fast, name: "Flex" }]],
  ])("rejects %s", (_label, tiers) => {
    expect(PricingTiersSchema.safeParse(tiers).success).toBe(false);
  });
});

describe("PricingConditionSchema", () => {
  it("parses usage thresholds (caseSensitive defaults to false) and context conditions", () => {
    expect(PricingConditionSchema.parse({ usageDetailPattern: "(input)", operator: "gt", value: 272000 })).toEqual({
      usageDetailPattern: "(input)",
      operator: "gt",
      value: 272000,
      caseSensitive: false,
    });
    expect(PricingConditionSchema.parse({ source: "metadata", key: "plan", operator: "in", values: ["pro"] })).toEqual({
      source: "metadata",
      key: "plan",
      operator: "in",
      values: ["pro"],
    });
  });

  it("rejects unknown operators and sources", () => {
    expect(PricingConditionSchema.safeParse({ usageDetailPattern: "x", operator: "between", value: 1 }).success).toBe(false);
    expect(PricingConditionSchema.safeParse({ source: "headers", key: "x", operator: "in", values: [] }).success).toBe(false);
    expect(PricingConditionSchema.safeParse({ usageDetailPattern: "(", operator: "gt", value: 1 }).success).toBe(false);
  });
});
