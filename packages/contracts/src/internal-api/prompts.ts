import { z } from "zod";
import { ZPageMeta } from "../common/pagination.ts";
import { ZQueryString, zQueryEnum } from "../common/query.ts";
import { PROMPT_TYPES, ZChatItem, ZPromptLabel } from "../public-api/prompts.ts";

// /api/internal/projects/{projectId}/prompts… — the prompt pages. Writes reuse the public API's
// ZCreatePromptBody / ZUpdatePromptLabelsBody, so the UI and the SDKs obey one set of rules.

export const ZPromptListQuery = z.object({
  search: ZQueryString,
  label: ZQueryString,
  tag: ZQueryString,
  type: zQueryEnum(PROMPT_TYPES),
});
export type TPromptListQuery = z.infer<typeof ZPromptListQuery>;

export const ZPromptListItem = z.object({
  name: z.string(),
  type: z.enum(PROMPT_TYPES),
  versionCount: z.number().int(),
  labels: z.array(z.string()),
  tags: z.array(z.string()),
  lastUpdatedAt: z.string(),
  /** Generations that used any version of the prompt in the last 7 days. */
  usage7d: z.number().int(),
});
export type TPromptListItem = z.infer<typeof ZPromptListItem>;
export const ZPromptListResponse = z.object({ data: z.array(ZPromptListItem), meta: ZPageMeta });
export type TPromptListResponse = z.infer<typeof ZPromptListResponse>;

export const LABEL_REQUEST_STATUSES = ["PENDING", "APPROVED", "REJECTED"] as const;
export const ZLabelRequest = z.object({
  id: z.string(),
  promptName: z.string(),
  label: z.string(),
  version: z.number().int(),
  status: z.enum(LABEL_REQUEST_STATUSES),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
});
export type TLabelRequest = z.infer<typeof ZLabelRequest>;
export const ZLabelRequestsResponse = z.object({ data: z.array(ZLabelRequest) });
export type TLabelRequestsResponse = z.infer<typeof ZLabelRequestsResponse>;
export const ZLabelRequestsQuery = z.object({ status: zQueryEnum(LABEL_REQUEST_STATUSES) });

export const ZPromptVersionView = z.object({
  id: z.string(),
  version: z.number().int(),
  type: z.enum(PROMPT_TYPES),
  prompt: z.union([z.string(), z.array(ZChatItem)]),
  config: z.record(z.string(), z.unknown()),
  labels: z.array(z.string()),
  commitMessage: z.string().nullable(),
  /** The author's name or email; "API" for an API key. */
  createdBy: z.string(),
  createdAt: z.string(),
});
export type TPromptVersionView = z.infer<typeof ZPromptVersionView>;

export const ZPromptDetail = z.object({
  name: z.string(),
  type: z.enum(PROMPT_TYPES),
  tags: z.array(z.string()),
  versions: z.array(ZPromptVersionView),
  requests: z.array(ZLabelRequest),
  protectedLabels: z.array(z.string()),
});
export type TPromptDetail = z.infer<typeof ZPromptDetail>;

export const ZCreateLabelRequestBody = z.object({
  label: ZPromptLabel,
  version: z.number().int().min(1),
  comment: z.string().trim().max(500).optional(),
});
export type TCreateLabelRequestBody = z.infer<typeof ZCreateLabelRequestBody>;
export const ZDecideLabelRequestBody = z.object({ decision: z.enum(["approve", "reject"]) });
export const ZLabelRequestParams = z.object({ projectId: z.string(), requestId: z.string() });

export const ZPromptSettings = z.object({ protectedLabels: z.array(ZPromptLabel).max(20) });
export type TPromptSettings = z.infer<typeof ZPromptSettings>;

// A prompt's linked generations (promptName/promptVersion sent by the SDKs): per-version metrics over a
// window of days, and the newest generations of one version.
export const PROMPT_METRICS_MAX_DAYS = 90;
export const ZPromptMetricsQuery = z.object({
  days: z.preprocess(
    (v) => (v === "" || v == null ? undefined : v),
    z.coerce
      .number({ error: "days must be a number" })
      .int("days must be an integer")
      .min(1, "days is at least 1")
      .max(PROMPT_METRICS_MAX_DAYS, `days is at most ${PROMPT_METRICS_MAX_DAYS}`)
      .default(30),
  ),
});
export const ZPromptVersionMetrics = z.object({
  version: z.number().int(),
  count: z.number().int(),
  latencyP50Ms: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  totalCost: z.number().nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  /** Average numeric/boolean scores on the generations and on their traces. */
  scores: z.array(z.object({ name: z.string(), average: z.number(), count: z.number().int() })),
});
export type TPromptVersionMetrics = z.infer<typeof ZPromptVersionMetrics>;
export const ZPromptMetricsResponse = z.object({ since: z.string(), days: z.number().int(), data: z.array(ZPromptVersionMetrics) });
export type TPromptMetricsResponse = z.infer<typeof ZPromptMetricsResponse>;

export const PROMPT_GENERATIONS_LIMIT = 50;
export const ZPromptGeneration = z.object({
  id: z.string(),
  traceId: z.string(),
  name: z.string().nullable(),
  startTime: z.string(),
  latencyMs: z.number().nullable(),
  model: z.string().nullable(),
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  totalCost: z.number().nullable(),
  level: z.string(),
});
export type TPromptGeneration = z.infer<typeof ZPromptGeneration>;
export const ZPromptGenerationsResponse = z.object({ data: z.array(ZPromptGeneration) });
export type TPromptGenerationsResponse = z.infer<typeof ZPromptGenerationsResponse>;
