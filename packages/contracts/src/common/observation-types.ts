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

/**
 * Observation levels in rising severity. The one list: the ingestion schema, the filters' "level at least",
 * and the trace rollup's highest level (SQL, bound as a parameter) all read this order.
 */
export const OBSERVATION_LEVELS = ["DEBUG", "DEFAULT", "WARNING", "ERROR"] as const;
export type ObservationLevel = (typeof OBSERVATION_LEVELS)[number];

/** The levels at or above `min`, or undefined when every level qualifies (no filter). */
export function levelsAtLeast(min: ObservationLevel | undefined): ObservationLevel[] | undefined {
  const i = min ? OBSERVATION_LEVELS.indexOf(min) : -1;
  return i > 0 ? OBSERVATION_LEVELS.slice(i) : undefined;
}
