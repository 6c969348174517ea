import { z } from "zod";
import { ZLlmParams } from "./llm.ts";

// Experiments from the UI: a prompt version × one or more model configurations over a dataset, run on
// the worker, each model configuration becoming one dataset run. Optional evaluators score each item's
// trace with their variables mapped from the item (input, expected output, metadata) or the run's output.

/** The environment of an experiment item's trace (the SDK runners use `sdk-experiment`). */
export const EXPERIMENT_ENVIRONMENT = "loupe-experiment";

export const EXPERIMENT_STATUSES = ["RUNNING", "DONE", "CANCELLED"] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];
export const EXPERIMENT_ITEM_STATUSES = ["PENDING", "DONE", "FAILED", "CANCELLED"] as const;
export type ExperimentItemStatus = (typeof EXPERIMENT_ITEM_STATUSES)[number];

/** Where an evaluator variable comes from: the dataset item's fields or what the model answered. */
export const EXPERIMENT_MAPPING_SOURCES = ["input", "expectedOutput", "output", "metadata"] as const;
export type ExperimentMappingSource = (typeof EXPERIMENT_MAPPING_SOURCES)[number];

export const MAX_EXPERIMENT_MODELS = 4;
export const MAX_EXPERIMENT_EVALUATORS = 5;

export const ZExperimentVariableMapping = z.object({
  variable: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a variable name as it appears in {{ }}"),
  source: z.enum(EXPERIMENT_MAPPING_SOURCES),
  jsonPath: z
    .string()
    .trim()
    .max(200, "JSONPath is at most 200 characters")
    .refine((p) => p === "" || p.startsWith("$"), "JSONPath starts with $")
    .nullable()
    .optional(),
});
export type TExperimentVariableMapping = z.infer<typeof ZExperimentVariableMapping>;

export const ZExperimentModelConfig = z.object({
  connectionId: z.string().min(1, "pick a connection"),
  model: z.string().trim().min(1, "pick a model").max(200),
  params: ZLlmParams.default({}),
});
export type TExperimentModelConfig = z.infer<typeof ZExperimentModelConfig>;

export const ZExperimentPromptRef = z
  .object({
    name: z.string().trim().min(1, "pick a prompt").max(255),
    version: z.number().int().min(1).optional(),
    label: z.string().trim().min(1).max(36).optional(),
  })
  .refine((p) => !(p.version !== undefined && p.label !== undefined), "give a version or a label, not both");
export type TExperimentPromptRef = z.infer<typeof ZExperimentPromptRef>;

export const ZStartExperimentBody = z.object({
  runName: z.string().trim().min(1, "name the run").max(200, "run names are at most 200 characters"),
  description: z.string().trim().max(2000).optional(),
  prompt: ZExperimentPromptRef,
  models: z
    .array(ZExperimentModelConfig)
    .min(1, "add a model configuration")
    .max(MAX_EXPERIMENT_MODELS, `at most ${MAX_EXPERIMENT_MODELS} model configurations`),
  evaluators: z
    .array(z.object({ evaluatorId: z.string().min(1), mapping: z.array(ZExperimentVariableMapping).max(20) }))
    .max(MAX_EXPERIMENT_EVALUATORS, `at most ${MAX_EXPERIMENT_EVALUATORS} evaluators`)
    .default([]),
});
export type TStartExperimentBody = z.infer<typeof ZStartExperimentBody>;

export const ZExperimentSummary = z.object({
  id: z.string(),
  runId: z.string(),
  runName: z.string(),
  status: z.enum(EXPERIMENT_STATUSES),
  promptName: z.string(),
  promptVersion: z.number().int(),
  connectionName: z.string(),
  model: z.string(),
  evaluatorNames: z.array(z.string()),
  total: z.number().int(),
  counts: z.object({ pending: z.number().int(), done: z.number().int(), failed: z.number().int(), cancelled: z.number().int() }),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TExperimentSummary = z.infer<typeof ZExperimentSummary>;
export const ZExperimentListResponse = z.object({ data: z.array(ZExperimentSummary) });
export type TExperimentListResponse = z.infer<typeof ZExperimentListResponse>;
export const ZStartExperimentResponse = z.object({ experiments: z.array(ZExperimentSummary) });

export const ZExperimentItem = z.object({
  id: z.string(),
  datasetItemId: z.string(),
  status: z.enum(EXPERIMENT_ITEM_STATUSES),
  /** Why the item failed, or what went wrong with an evaluator of an item that is done. */
  error: z.string().nullable(),
  traceId: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type TExperimentItem = z.infer<typeof ZExperimentItem>;
export const ZExperimentDetailResponse = z.object({
  experiment: ZExperimentSummary,
  /** Failed and erroring items first, then the others; at most 200. */
  items: z.array(ZExperimentItem),
});
export type TExperimentDetailResponse = z.infer<typeof ZExperimentDetailResponse>;
