import { z } from "zod";
import { OBSERVATION_LEVELS } from "../common/observation-types.ts";
import { ZQueryCsv } from "../common/query.ts";
import { ZScoreV3 } from "./scores-v3.ts";

// GET /api/public/experiments and /api/public/experiment-items, as Langfuse's OpenAPI defines them
// (Experiments tag): cursor pagination, field groups, a required fromStartTime. An experiment is a
// dataset run; an experiment item is one of its run items with the trace it links.

export const EXPERIMENT_FIELD_GROUPS = ["core", "metadata", "scores"] as const;
export const EXPERIMENT_ITEM_FIELD_GROUPS = ["core", "dataset", "io", "metadata", "itemMetadata", "experimentMetadata", "scores"] as const;
export const EXPERIMENT_FILTER_COLUMNS = ["id", "name", "datasetId"] as const;
export const EXPERIMENT_ITEM_FILTER_COLUMNS = ["experimentId", "experimentName", "experimentItemId", "datasetId"] as const;

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

function fieldGroups<const T extends readonly [string, ...string[]]>(groups: T, defaults: T[number][]) {
  return ZQueryCsv.transform((list, ctx) => {
    const unknown = (list ?? []).filter((f) => !(groups as readonly string[]).includes(f));
    if (unknown.length > 0)
      ctx.addIssue({ code: "custom", message: `unknown field group ${unknown.join(", ")}; allowed: ${groups.join(", ")}` });
    return new Set<T[number]>(list && list.length > 0 ? (list as T[number][]) : defaults);
  });
}

/** One structured filter condition (the events-table filter shape), on an allowed column. */
function filterParam<const C extends readonly [string, ...string[]]>(columns: C) {
  const condition = z.discriminatedUnion("type", [
    z.object({
      type: z.literal("stringOptions"),
      column: z.enum(columns),
      operator: z.enum(["any of", "none of"]),
      value: z.array(z.string().max(2000)).max(1000),
    }),
    z.object({
      type: z.literal("string"),
      column: z.enum(columns),
      operator: z.enum(["=", "contains", "does not contain", "starts with", "ends with"]),
      value: z.string().max(2000),
    }),
  ]);
  return z.preprocess(
    emptyToUndefined,
    z
      .string()
      .max(20_000)
      .transform((raw, ctx) => {
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          ctx.addIssue({ code: "custom", message: "filter is not valid JSON (a JSON array of filter conditions)" });
          return z.NEVER;
        }
      })
      .pipe(z.array(condition).max(20, "at most 20 filter conditions"))
      .optional(),
  );
}
export type TExperimentFilterCondition = {
  type: "stringOptions" | "string";
  column: string;
  operator: "any of" | "none of" | "=" | "contains" | "does not contain" | "starts with" | "ends with";
  value: string | string[];
};

const limit = z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100, "limit is at most 100").default(50));
const scoreLimit = z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(50, "scoreLimit is at most 50").default(50));
const cursor = z.preprocess(emptyToUndefined, z.string().max(1000).optional());
const fromStartTime = z.iso.datetime({ offset: true, message: "fromStartTime is required: an ISO-8601 date-time" });
const toStartTime = z.preprocess(emptyToUndefined, z.iso.datetime({ offset: true }).optional());

export const ZExperimentsQuery = z.object({
  fields: fieldGroups(EXPERIMENT_FIELD_GROUPS, ["core"]),
  limit,
  scoreLimit,
  cursor,
  fromStartTime,
  toStartTime,
  id: ZQueryCsv,
  name: ZQueryCsv,
  datasetId: ZQueryCsv,
  filter: filterParam(EXPERIMENT_FILTER_COLUMNS),
});
export type TExperimentsQuery = z.infer<typeof ZExperimentsQuery>;

export const ZExperimentItemsQuery = z.object({
  fields: fieldGroups(EXPERIMENT_ITEM_FIELD_GROUPS, ["core", "dataset"]),
  limit,
  scoreLimit,
  cursor,
  fromStartTime,
  toStartTime,
  experimentId: ZQueryCsv,
  experimentName: ZQueryCsv,
  experimentItemId: ZQueryCsv,
  datasetId: ZQueryCsv,
  filter: filterParam(EXPERIMENT_ITEM_FILTER_COLUMNS),
});
export type TExperimentItemsQuery = z.infer<typeof ZExperimentItemsQuery>;

const ZJsonObject = z.record(z.string(), z.unknown());
const ZCursorMeta = z.object({ cursor: z.string().optional() });

export const ZPublicExperiment = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    startTime: z.string(),
    endTime: z.string(),
    itemCount: z.number().int(),
    datasetId: z.string().nullable(),
    metadata: ZJsonObject.nullable().optional(),
    scores: z.array(ZScoreV3).optional(),
  })
  .strict();
export type TPublicExperiment = z.infer<typeof ZPublicExperiment>;
export const ZExperimentsResponse = z.object({ data: z.array(ZPublicExperiment), meta: ZCursorMeta }).strict();
export type TExperimentsResponse = z.infer<typeof ZExperimentsResponse>;

export const ZPublicExperimentItem = z
  .object({
    id: z.string(),
    traceId: z.string(),
    startTime: z.string(),
    endTime: z.string().nullable(),
    level: z.enum(OBSERVATION_LEVELS),
    environment: z.string(),
    experimentId: z.string(),
    experimentName: z.string(),
    experimentItemId: z.string(),
    experimentDatasetId: z.string().nullable().optional(),
    experimentItemVersion: z.string().nullable().optional(),
    input: z.unknown().optional(),
    output: z.unknown().optional(),
    expectedOutput: z.unknown().optional(),
    metadata: ZJsonObject.nullable().optional(),
    experimentItemMetadata: ZJsonObject.nullable().optional(),
    experimentMetadata: ZJsonObject.nullable().optional(),
    experimentDescription: z.string().nullable().optional(),
    scores: z.array(ZScoreV3).optional(),
  })
  .strict();
export type TPublicExperimentItem = z.infer<typeof ZPublicExperimentItem>;
export const ZExperimentItemsResponse = z.object({ data: z.array(ZPublicExperimentItem), meta: ZCursorMeta }).strict();
export type TExperimentItemsResponse = z.infer<typeof ZExperimentItemsResponse>;
