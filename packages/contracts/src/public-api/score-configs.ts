import { z } from "zod";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { SCORE_DATA_TYPES } from "../ingestion/events.ts";

// /api/public/score-configs — langfuse-api.md §5.5.

const ZCategory = z.object({ value: z.number().finite(), label: z.string().min(1) });

export const ZCreateScoreConfigBody = z
  .object({
    name: z
      .string()
      .min(1)
      .max(35)
      .regex(/^[A-Za-z0-9_ .()-]+$/, "name may contain letters, digits, spaces and _ . ( ) - only"),
    dataType: z.enum(SCORE_DATA_TYPES),
    categories: z.array(ZCategory).nullish(),
    minValue: z.number().finite().nullish(),
    maxValue: z.number().finite().nullish(),
    description: z.string().max(2000).nullish(),
  })
  .superRefine((b, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (b.dataType === "CATEGORICAL") {
      if (!b.categories?.length) issue("categories", "CATEGORICAL configs need at least one category");
      else if (new Set(b.categories.map((c) => c.label)).size !== b.categories.length)
        issue("categories", "category labels must be unique");
      else if (new Set(b.categories.map((c) => c.value)).size !== b.categories.length)
        issue("categories", "category values must be unique");
    } else if (b.categories?.length) {
      issue("categories", `categories are only allowed for CATEGORICAL configs (BOOLEAN configs get True/False automatically)`);
    }
    if (b.dataType !== "NUMERIC" && (b.minValue != null || b.maxValue != null))
      issue("minValue", "minValue/maxValue apply to NUMERIC configs only");
    if (b.minValue != null && b.maxValue != null && b.minValue > b.maxValue) issue("maxValue", "maxValue must be at least minValue");
  });
export type TCreateScoreConfigBody = z.infer<typeof ZCreateScoreConfigBody>;

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
