import { z } from "zod";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { SCORE_DATA_TYPES } from "../ingestion/events.ts";

// /api/public/score-configs — langfuse-api.md §5.5.

const ZCategory = z.object({ value: z.number().finite(), label: z.string().min(1) });

const ZScoreConfigName = z
  .string()
  .min(1)
  .max(35)
  .regex(/^[A-Za-z0-9_ .()-]+$/, "name may contain letters, digits, spaces and _ . ( ) - only");

type ScoreConfigShape = {
  dataType: (typeof SCORE_DATA_TYPES)[number];
  categories?: { value: number; label: string }[] | null;
  minValue?: number | null;
  maxValue?: number | null;
};

/**
 * The rules a whole config must satisfy. Shared by create (checked on the body) and update (checked on
 * the stored config merged with the patch, so a patch cannot leave an inconsistent config behind).
 */
export function scoreConfigIssues(c: ScoreConfigShape): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  if (c.dataType === "CATEGORICAL") {
    if (!c.categories?.length) issue("categories", "CATEGORICAL configs need at least one category");
    else if (new Set(c.categories.map((x) => x.label)).size !== c.categories.length) issue("categories", "category labels must be unique");
    else if (new Set(c.categories.map((x) => x.value)).size !== c.categories.length) issue("categories", "category values must be unique");
  } else if (c.categories?.length) {
    issue("categories", "categories are only allowed for CATEGORICAL configs (BOOLEAN configs get True/False automatically)");
  }
  if (c.dataType !== "NUMERIC" && (c.minValue != null || c.maxValue != null))
    issue("minValue", "minValue/maxValue apply to NUMERIC configs only");
  if (c.minValue != null && c.maxValue != null && c.minValue > c.maxValue) issue("maxValue", "maxValue must be at least minValue");
  return issues;
}

export const ZCreateScoreConfigBody = z
  .object({
    name: ZScoreConfigName,
    dataType: z.enum(SCORE_DATA_TYPES),
    categories: z.array(ZCategory).nullish(),
    minValue: z.number().finite().nullish(),
    maxValue: z.number().finite().nullish(),
    description: z.string().max(2000).nullish(),
  })
  .superRefine((b, ctx) => {
    for (const i of scoreConfigIssues(b)) ctx.addIssue({ code: "custom", path: [i.path], message: i.message });
  });
export type TCreateScoreConfigBody = z.infer<typeof ZCreateScoreConfigBody>;

/**
 * PATCH /api/public/score-configs/{configId}: any subset of the fields; `null` clears an optional one.
 * The data type is fixed once scores may reference the config.
 */
export const ZUpdateScoreConfigBody = z.object({
  isArchived: z.boolean().optional(),
  name: ZScoreConfigName.optional(),
  categories: z.array(ZCategory).nullish(),
  minValue: z.number().finite().nullish(),
  maxValue: z.number().finite().nullish(),
  description: z.string().max(2000).nullish(),
  dataType: z.undefined({ error: "dataType cannot be changed; create a new score config instead" }).optional(),
});
export type TUpdateScoreConfigBody = z.infer<typeof ZUpdateScoreConfigBody>;

export const ZScoreConfigsQuery = ZPageQuery;
export const ZScoreConfigParams = z.object({ configId: z.string().min(1) });

export const ZPublicScoreConfig = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  projectId: z.string(),
  dataType: z.enum(SCORE_DATA_TYPES),
  isArchived: z.boolean(),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  categories: z.array(ZCategory).nullable(),
  description: z.string().nullable(),
});
export type TPublicScoreConfig = z.infer<typeof ZPublicScoreConfig>;

export const ZScoreConfigsResponse = z.object({ data: z.array(ZPublicScoreConfig), meta: ZPageMeta });
export type TScoreConfigsResponse = z.infer<typeof ZScoreConfigsResponse>;
