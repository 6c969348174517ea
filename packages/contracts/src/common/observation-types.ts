/**
 * The observation types Loupe knows. This list is the single source: the ingestion event union,
 * filters and UI maps derive from it (UI maps are typed `satisfies Record<ObservationType, …>`).
 * Stored as text in the database, so adding a type needs no migration.
 */
export const OBSERVATION_TYPES = [
  "SPAN",
  "GENERATION",
  "EVENT",
  "AGENT",
  "TOOL",
  "CHAIN",
  "RETRIEVER",
  "EMBEDDING",
  "EVALUATOR",
  "GUARDRAIL",
] as const;
export type ObservationType = (typeof OBSERVATION_TYPES)[number];

export const OBSERVATION_LEVELS = ["DEBUG", "DEFAULT", "WARNING", "ERROR"] as const;
export type ObservationLevel = (typeof OBSERVATION_LEVELS)[number];
