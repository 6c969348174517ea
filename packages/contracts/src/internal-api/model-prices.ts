import { z } from "zod";
import { ZPublicModel } from "../public-api/models.ts";

// The model prices settings page: the project's models and the built-in catalog in one list (the
// public `/api/public/models` shape), writes with the public create body, and "which model prices
// this name?". Project models come first, as they take precedence when matching.

export const ZModelPriceList = z.object({ data: z.array(ZPublicModel) });
export type TModelPriceList = z.infer<typeof ZModelPriceList>;

export const ZModelMatchQuery = z.object({ modelName: z.string().trim().min(1, "type a model name").max(200) });
export const ZModelMatchResponse = z.object({
  modelName: z.string(),
  /** The model that would price an observation of this model name now, or null. */
  match: ZPublicModel.nullable(),
});
export type TModelMatchResponse = z.infer<typeof ZModelMatchResponse>;
