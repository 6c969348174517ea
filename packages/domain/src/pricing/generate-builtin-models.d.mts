/** Types for generate-builtin-models.mjs (plain Node script, also imported by its unit test). */
export interface SourceModelPrice {
  model: string;
  matchPattern: string;
  tokenizer: string | null;
  tokenizerConfig: Record<string, unknown> | null;
  priceUpdated: string;
  tiers: {
    name: string;
    isDefault: boolean;
    priority: number;
    conditions: Record<string, unknown>[];
    pricesPerUnitUsd: Record<string, number>;
  }[];
}

export interface GeneratedBuiltinModel {
  id: string;
  modelName: string;
  matchPattern: string;
  tokenizerId: string | null;
  tokenizerConfig: Record<string, unknown> | null;
  priceUpdated: string;
  source: string;
  tiers: {
    name: string;
    isDefault: boolean;
    priority: number;
    conditions: Record<string, unknown>[];
    prices: Record<string, number>;
  }[];
}

export const CANONICAL_ORDER: readonly string[];
export const PRICE_KEY_MAP: Readonly<Record<string, string>>;
export const PROVENANCE: string;
export function builtinModelId(modelName: string): string;
export function convertModelPrices(source: unknown): GeneratedBuiltinModel[];
