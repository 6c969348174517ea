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
/** Fields the grouped lists (sessions, users) share with the traces table, with their suggestions. */
export const USER_FIELD: FilterField = { key: "userId", label: "User", placeholder: "user id", suggest: { field: "userId" } };
export const ENVIRONMENT_FIELD: FilterField = {
  key: "environment",
  label: "Environment",
  placeholder: "production",
  suggest: { field: "environment" },
};
export const TAGS_FIELD: FilterField = {
  key: "tags",
  label: "Tags",
  placeholder: "tag-a, tag-b (all of)",
  suggest: { field: "tags", list: true },
};
const RELEASE_FIELDS: FilterField[] = [ENVIRONMENT_FIELD, { key: "version", label: "Version", suggest: { field: "version" } }];

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
  { key: "name", label: "Name", placeholder: "exact trace name", suggest: { field: "traceName" } },
  USER_FIELD,
  { key: "sessionId", label: "Session", placeholder: "session id", suggest: { field: "sessionId" } },
  TAGS_FIELD,
  LEVEL_FIELD,
  { key: "model", label: "Model", placeholder: "any observation's model", suggest: { field: "model" } },
  ...RELEASE_FIELDS,
  { key: "release", label: "Release", suggest: { field: "release" } },
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
  { key: "name", label: "Name", placeholder: "exact observation name", suggest: { field: "observationName" } },
  { key: "model", label: "Model", placeholder: "gpt-4o", suggest: { field: "model" } },
  { key: "promptName", label: "Prompt name", suggest: { field: "promptName" } },
  { key: "promptVersion", label: "Prompt version", kind: "number" },
  LEVEL_FIELD,
  { key: "traceId", label: "Trace ID" },
  ...RELEASE_FIELDS,
  ...RANGE_FIELDS,
];
