import { OBSERVATION_TYPES, SCORE_OPERATORS, type ScoreOperator } from "@loupe/contracts";
import type { FilterField } from "@/components/ui/filter-bar";

// The filter fields of the traces and observations tables; keys are those of the contract schemas
// (ZTraceListQuery / ZObservationListQuery), so the URL, the UI and the route agree.

export const LEVEL_FIELD: FilterField = {
  key: "minLevel",
  label: "Level",
  kind: "select",
  options: [
    { value: "ERROR", label: "Has error" },
    { value: "WARNING", label: "Warning or worse" },
    { value: "DEFAULT", label: "Default or worse" },
  ],
};
const RANGE_FIELDS: FilterField[] = [
  { key: "latencyMin", label: "Latency ≥ (ms)", kind: "number", placeholder: "min" },
  { key: "latencyMax", label: "Latency ≤ (ms)", kind: "number", placeholder: "max" },
  { key: "costMin", label: "Cost ≥ ($)", kind: "number", placeholder: "min" },
  { key: "costMax", label: "Cost ≤ ($)", kind: "number", placeholder: "max" },
];
const RELEASE_FIELDS: FilterField[] = [
  { key: "environment", label: "Environment", placeholder: "production" },
  { key: "version", label: "Version" },
];

const SCORE_OPERATOR_SYMBOLS: Record<ScoreOperator, string> = { gte: "≥", lte: "≤", eq: "=" };

/** Scores by name: numbers compare with ≥/≤/=, categories and booleans with = ("True"). */
export const SCORE_FIELD: FilterField = {
  key: "scoreName",
  label: "Score",
  kind: "comparison",
  placeholder: "score name",
  operatorKey: "scoreOperator",
  valueKey: "scoreValue",
  valuePlaceholder: "0.8",
  operators: SCORE_OPERATORS.map((value) => ({ value, label: SCORE_OPERATOR_SYMBOLS[value] })),
};

export const TRACE_FILTER_FIELDS: FilterField[] = [
  { key: "name", label: "Name", placeholder: "exact trace name" },
  { key: "userId", label: "User", placeholder: "user id" },
  { key: "sessionId", label: "Session", placeholder: "session id" },
  { key: "tags", label: "Tags", placeholder: "tag-a, tag-b (all of)" },
  LEVEL_FIELD,
  { key: "model", label: "Model", placeholder: "any observation's model" },
  ...RELEASE_FIELDS,
  { key: "release", label: "Release" },
  ...RANGE_FIELDS,
  SCORE_FIELD,
];

export const OBSERVATION_FILTER_FIELDS: FilterField[] = [
  {
    key: "type",
    label: "Type",
    kind: "select",
    // Unset means the contract's default, GENERATION: "Any" would hide the errors of tools and spans.
    unsetLabel: "Generations",
    options: [
      { value: "ALL", label: "Any type" },
      ...OBSERVATION_TYPES.filter((t) => t !== "GENERATION").map((t) => ({ value: t, label: t.toLowerCase() })),
    ],
  },
  { key: "name", label: "Name", placeholder: "exact observation name" },
  { key: "model", label: "Model", placeholder: "gpt-4o" },
  { key: "promptName", label: "Prompt name" },
  { key: "promptVersion", label: "Prompt version", kind: "number" },
  LEVEL_FIELD,
  { key: "traceId", label: "Trace ID" },
  ...RELEASE_FIELDS,
  ...RANGE_FIELDS,
];
