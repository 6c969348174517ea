/**
 * Loupe's built-in model catalog (read-only, source "builtin"). Generated from the Langfuse default price
 * table (MIT) by generate-builtin-models.ts; every entry carries `priceUpdated` and `provenance` so users
 * can see when a price was checked, and a project model with the same name pattern overrides it.
 */
import { z } from "zod";
import catalog from "./builtin-models.json" with { type: "json" };
import { BuiltinModelEntrySchema, type ModelDefinition } from "./model-definition.ts";

/** The raw catalog entries, validated once at module load. */
export const BUILTIN_MODEL_ENTRIES = z.array(BuiltinModelEntrySchema).parse(catalog);

export const BUILTIN_MODELS: readonly ModelDefinition[] = Object.freeze(
  BUILTIN_MODEL_ENTRIES.map(
    (entry): ModelDefinition => ({
      id: entry.id,
      source: "builtin",
      modelName: entry.modelName,
      matchPattern: entry.matchPattern,
      startDate: null,
      tokenizerId: entry.tokenizerId,
      tokenizerConfig: entry.tokenizerConfig,
      priceUpdated: entry.priceUpdated,
      provenance: entry.source,
      tiers: entry.tiers,
    }),
  ),
);

const BY_ID = new Map(BUILTIN_MODELS.map((model) => [model.id, model]));

export function getBuiltinModel(id: string): ModelDefinition | null {
  return BY_ID.get(id) ?? null;
}
