import { z } from "zod";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { ZTimestamp } from "../ingestion/events.ts";

// /api/public/models — langfuse-api.md §8.1. Tier semantics (one default tier, regexes compile) are
// checked by the service against @loupe/domain's PricingTiersSchema, which contracts cannot import.

export const MODEL_USAGE_UNITS = ["CHARACTERS", "TOKENS", "MILLISECONDS", "SECONDS", "IMAGES", "REQUESTS"] as const;

const ZPrice = z.number().finite().nonnegative();

export const ZPricingTierInput = z.object({
  name: z.string().min(1).max(100),
  isDefault: z.boolean(),
  priority: z.number().int().nonnegative(),
  conditions: z.array(z.record(z.string(), z.unknown())).default([]),
  prices: z.record(z.string().min(1), ZPrice),
});

export const ZCreateModelBody = z
  .object({
    modelName: z.string().trim().min(1).max(200),
    matchPattern: z.string().min(1).max(1000),
    startDate: ZTimestamp.nullish(),
    unit: z.enum(MODEL_USAGE_UNITS).nullish(),
    inputPrice: ZPrice.nullish(),
    outputPrice: ZPrice.nullish(),
    totalPrice: ZPrice.nullish(),
    pricingTiers: z.array(ZPricingTierInput).min(1).max(20).nullish(),
    tokenizerId: z.string().max(100).nullish(),
    tokenizerConfig: z.record(z.string(), z.unknown()).nullish(),
  })
  .superRefine((b, ctx) => {
    const flat = b.inputPrice != null || b.outputPrice != null || b.totalPrice != null;
    if (flat && b.pricingTiers) {
      ctx.addIssue({
        code: "custom",
        path: ["pricingTiers"],
        message: "give either flat prices (inputPrice/outputPrice/totalPrice) or pricingTiers, not both",
      });
    }
    if (!flat && !b.pricingTiers) {
      ctx.addIssue({
        code: "custom",
        path: ["inputPrice"],
        message: "give flat prices (inputPrice/outputPrice/totalPrice) or pricingTiers",
      });
    }
    if (b.totalPrice != null && (b.inputPrice != null || b.outputPrice != null)) {
      ctx.addIssue({ code: "custom", path: ["totalPrice"], message: "totalPrice cannot be combined with inputPrice/outputPrice" });
    }
  });
export type TCreateModelBody = z.infer<typeof ZCreateModelBody>;

export const ZModelsQuery = ZPageQuery;
export const ZModelParams = z.object({ modelId: z.string().min(1) });

export const ZPublicPricingTier = z.object({
  id: z.string(),
  name: z.string(),
  isDefault: z.boolean(),
  priority: z.number().int(),
  conditions: z.array(z.unknown()),
  prices: z.record(z.string(), z.number()),
});

export const ZPublicModel = z.object({
  id: z.string(),
  modelName: z.string(),
  matchPattern: z.string(),
  startDate: z.string().nullable(),
  unit: z.string().nullable(),
  inputPrice: z.number().nullable(),
  outputPrice: z.number().nullable(),
  totalPrice: z.number().nullable(),
  tokenizerId: z.string().nullable(),
  tokenizerConfig: z.unknown(),
  isLangfuseManaged: z.boolean(),
  createdAt: z.string(),
  prices: z.record(z.string(), z.object({ price: z.number() })),
  pricingTiers: z.array(ZPublicPricingTier),
});
export type TPublicModel = z.infer<typeof ZPublicModel>;

export const ZModelsResponse = z.object({ data: z.array(ZPublicModel), meta: ZPageMeta });
export type TModelsResponse = z.infer<typeof ZModelsResponse>;
