import {
  ZPageQuery,
  ZUnstableCreateEvaluatorBody,
  ZUnstableCreateRuleBody,
  ZUnstableEvaluator,
  ZUnstableReadableRule,
  ZUnstableRules,
  ZUnstableUpdateRuleBody,
  ZUpsertLlmConnectionBody,
} from "@loupe/contracts";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { createLlmConnection } from "../llm/connections.ts";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import {
  createUnstableEvaluator,
  createUnstableRule,
  deleteUnstableEvaluator,
  getUnstableEvaluator,
  getUnstableRule,
  listUnstableEvaluators,
  listUnstableRules,
  updateUnstableRule,
} from "./unstable-evaluations.ts";

const page = ZPageQuery.parse({});
const evaluatorBody = (over: Record<string, unknown> = {}) =>
  ZUnstableCreateEvaluatorBody.parse({
    name: "helpfulness",
    prompt: "Is {{output}} a helpful answer to {{input}}?",
    outputDefinition: { dataType: "BOOLEAN", reasoning: { description: "why" }, score: { description: "helpful?" } },
    modelConfig: { provider: "judge", model: "gpt-4o-mini" },
    ...over,
  });
const ruleBody = (over: Record<string, unknown> = {}) =>
  ZUnstableCreateRuleBody.parse({
    name: "helpful generations",
    evaluator: { name: "helpfulness", type: "llm_as_judge" },
    target: "observation",
    enabled: true,
    sampling: 0.5,
    filter: [
      { type: "stringOptions", column: "type", operator: "any of", value: ["GENERATION"] },
      { type: "string", column: "name", operator: "=", value: "answer" },
    ],
    mapping: [
      { variable: "input", source: "input", jsonPath: "$.question" },
      { variable: "output", source: "output" },
    ],
    ...over,
  });

async function status(promise: Promise<unknown>): Promise<[number, string]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return [error.status, error.message];
}

async function project() {
  const { project } = await createProjectWithKeys();
  await createLlmConnection(
    project.id,
    ZUpsertLlmConnectionBody.parse({ provider: "judge", adapter: "openai", secretKey: "k" }),
    TEST_AUDIT,
  );
  return project.id;
}

describe("unstable evaluators API", () => {
  it("creates versions under one stable id and reads back Langfuse's shape", async () => {
    const projectId = await project();
    const v1 = await createUnstableEvaluator(projectId, evaluatorBody());
    const v2 = await createUnstableEvaluator(projectId, evaluatorBody({ prompt: "Judge {{output}} for {{input}} and {{context}}" }));
    expect(ZUnstableEvaluator.parse(v2)).toMatchObject({
      type: "llm_as_judge",
      id: v1.id,
      version: 2,
      variables: ["output", "input", "context"],
      modelConfig: { provider: "judge", model: "gpt-4o-mini" },
      evaluationRuleCount: 0,
    });
    expect(await getUnstableEvaluator(projectId, v1.id)).toMatchObject({ version: 2 });
    expect((await listUnstableEvaluators(projectId, page)).meta).toEqual({ page: 1, limit: 50, totalItems: 1, totalPages: 1 });
    expect(await status(createUnstableEvaluator(projectId, evaluatorBody({ modelConfig: null })))).toEqual([
      422,
      expect.stringContaining("evaluator_preflight_failed"),
    ]);
    expect(await status(createUnstableEvaluator(projectId, evaluatorBody({ modelConfig: { provider: "nope", model: "x" } })))).toEqual([
      422,
      expect.stringContaining('no LLM connection "nope"'),
    ]);
    expect(await deleteUnstableEvaluator(projectId, v1.id, TEST_AUDIT)).toEqual({ message: "Evaluator successfully deleted" });
    expect((await status(getUnstableEvaluator(projectId, v1.id)))[0]).toBe(404);
  });

  it("checks the output definition and the name", () => {
    expect(
      ZUnstableCreateEvaluatorBody.safeParse({
        ...evaluatorBody(),
        outputDefinition: { dataType: "NUMERIC", reasoning: { description: "x" }, score: { description: "y", minValue: 2, maxValue: 1 } },
      }).success,
    ).toBe(false);
    expect(ZUnstableCreateEvaluatorBody.safeParse({ ...evaluatorBody(), name: "" }).success).toBe(false);
  });
});

describe("unstable evaluation-rules API", () => {
  it("creates, reads, lists and patches an observation rule", async () => {
    const projectId = await project();
    const evaluator = await createUnstableEvaluator(projectId, evaluatorBody());
    const rule = ZUnstableReadableRule.parse(await createUnstableRule(projectId, ruleBody()));
    expect(rule).toMatchObject({
      target: "observation",
      evaluator: { id: evaluator.id, name: "helpfulness", type: "llm_as_judge" },
      enabled: true,
      status: "active",
      pausedReason: null,
      sampling: 0.5,
      filter: [
        { type: "string", column: "name", operator: "=", value: "answer" },
        { type: "stringOptions", column: "type", operator: "any of", value: ["GENERATION"] },
      ],
      mapping: [
        { variable: "input", source: "input", jsonPath: "$.question" },
        { variable: "output", source: "output", jsonPath: null },
      ],
    });
    const patched = await updateUnstableRule(projectId, rule.id, ZUnstableUpdateRuleBody.parse({ enabled: false, sampling: 1 }));
    expect(patched).toMatchObject({ enabled: false, status: "inactive", sampling: 1, filter: rule.filter });
    expect(await getUnstableRule(projectId, rule.id)).toMatchObject({ id: rule.id, enabled: false });
    expect(ZUnstableRules.parse(await listUnstableRules(projectId, page)).meta.totalItems).toBe(1);
    expect(await status(createUnstableRule(projectId, ruleBody()))).toEqual([409, expect.stringContaining("already exists")]);
  });

  it("answers 400 naming what is wrong, and writes nothing", async () => {
    const projectId = await project();
    await createUnstableEvaluator(projectId, evaluatorBody());
    const bad = [
      [ruleBody({ name: "a", mapping: [{ variable: "input", source: "input" }] }), /map the variable "output"/],
      [
        ruleBody({
          name: "b",
          mapping: [
            { variable: "inptu", source: "input" },
            { variable: "output", source: "output" },
          ],
        }),
        /"inptu" is not a variable/,
      ],
      [
        ruleBody({
          name: "c",
          mapping: [
            { variable: "input", source: "tool_calls" },
            { variable: "output", source: "output" },
          ],
        }),
        /invalid_variable_mapping/,
      ],
      [
        ruleBody({ name: "d", filter: [{ type: "string", column: "latency", operator: "=", value: "1" }] }),
        /invalid_filter_value: filter\[0\]\.column "latency"/,
      ],
      [ruleBody({ name: "e", evaluator: { name: "missing" } }), /no evaluator named "missing"/],
      [ruleBody({ name: "f", target: "experiment" }), /target/],
      [
        ruleBody({
          name: "g",
          mapping: [
            { variable: "input", source: "input", jsonPath: "$..a..b..c" },
            { variable: "output", source: "output" },
          ],
        }),
        /jsonPath/,
      ],
    ] as const;
    for (const [body, message] of bad) {
      const [code, text] = await status(createUnstableRule(projectId, body));
      expect(code).toBe(400);
      expect(text).toMatch(message);
    }
    expect((await listUnstableRules(projectId, page)).data).toEqual([]);
    expect(ZUnstableCreateRuleBody.safeParse({ ...ruleBody(), evaluators: [{ evaluator: { name: "helpfulness" } }] }).success).toBe(false);
  });
});
