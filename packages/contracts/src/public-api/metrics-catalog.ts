// The semantic layer's vocabulary: per view, the dimensions a metrics query can group and filter by
// and the measures it can aggregate, with each measure's unit. Browser-safe, so the dashboard editor
// lists exactly what the compiler (packages/db/src/analytics) accepts; the compiler's definitions are
// typed against these names, so a name here without SQL there does not compile.
//
// How a consumer asks (GET /api/public/metrics?query=<json>, v2 at /api/public/v2/metrics, and the
// dashboards' internal query route take the same object, TMetricsQuery):
//
//   traces over time        {view:"traces", metrics:[{measure:"count", aggregation:"count"}], timeDimension:{granularity:"day"}}
//   cost by model           {view:"observations", dimensions:[{field:"providedModelName"}], metrics:[{measure:"totalCost", aggregation:"sum"}]}
//   latency percentiles     {view:"traces", dimensions:[{field:"name"}], metrics:[{measure:"latency", aggregation:"p95"}]}
//                           (p50 p75 p90 p95 p99; `histogram` gives [lower, upper, height] tuples, config.bins)
//   time to first token     {view:"observations", metrics:[{measure:"timeToFirstToken", aggregation:"p50"}]}
//                           (ms from startTime to completionStartTime; observations without a completion start are left out)
//   error rate              {view:"observations", metrics:[{measure:"error", aggregation:"avg"}]}
//                           (`error` is 1 for level ERROR, else 0: avg = share of errors, sum = number of errors)
//   distinct users          {view:"traces", metrics:[{measure:"uniqueUserIds", aggregation:"count"}]}
//                           (the unique* measures count distinct values under count, uniq or sum;
//                           `uniq` on any other measure counts its distinct values)
//   hour-of-day heatmap     dimensions:[{field:"name"}, {field:"hourOfDay"}] (0–23, UTC)
//   per tag                 dimension `tag`: one row per tag (a trace with two tags counts in both; untagged → null);
//                           `tags` groups by the whole tag list, as Langfuse does
//   categorical scores      {view:"scores-categorical", dimensions:[{field:"name"}, {field:"stringValue"}], metrics:[{measure:"count", aggregation:"count"}]}
//   any metadata key        dimension {field:"metadata.<key>"} groups by the key's value as text (null when absent);
//                           filter {column:"metadata.<key>", type:"string"|"stringOptions"|"null", …}, or Langfuse's
//                           {column:"metadata", key:"<key>", type:"stringObject"|"numberObject"|…}. The key is the
//                           whole text after "metadata." (dots included), 1–200 characters without control
//                           characters; it reaches SQL as a bound parameter only. Breakdowns by a key are answered
//                           from a rollup once the project registered the key (the worker job `rollups.metadata-key`,
//                           enqueued when a widget grouped by it is saved); raw rows (correct, slower) until then.
//   filters                 any dimension or measure of the view, e.g. {column:"environment", type:"stringOptions", operator:"any of", value:["prod"]}
//
// v2 refuses the traces view and grouping by the high-cardinality dimensions (ids, users, sessions).

export type MetricUnit = "count" | "ms" | "usd" | "tokens" | "tokens/s" | "ratio" | "value";

const TIME_PARTS = ["hourOfDay"] as const;
const TRACE_CONTEXT = ["traceName", "traceRelease", "traceVersion", "tags", "tag", "userId", "sessionId"] as const;

const scoreView = {
  dimensions: [
    "name",
    "source",
    "dataType",
    "configId",
    "environment",
    "stringValue",
    "traceId",
    "observationName",
    "observationModelName",
    "observationPromptName",
    "observationPromptVersion",
    "timestampMonth",
    "timestampDay",
    ...TRACE_CONTEXT,
    ...TIME_PARTS,
  ],
  measures: { count: "count", value: "value", uniqueTraceIds: "count" },
  highCardinality: ["traceId", "userId", "sessionId"],
} as const;

export const METRIC_CATALOG = {
  traces: {
    dimensions: [
      "id",
      "name",
      "userId",
      "sessionId",
      "release",
      "version",
      "environment",
      "tags",
      "tag",
      "level",
      "timestampMonth",
      ...TIME_PARTS,
    ],
    measures: {
      count: "count",
      observationsCount: "count",
      uniqueUserIds: "count",
      uniqueSessionIds: "count",
      latency: "ms",
      totalCost: "usd",
      inputTokens: "tokens",
      outputTokens: "tokens",
      totalTokens: "tokens",
      error: "ratio",
    },
    highCardinality: ["id", "userId", "sessionId"],
  },
  observations: {
    dimensions: [
      "environment",
      "type",
      "name",
      "level",
      "version",
      "providedModelName",
      "model",
      "promptName",
      "promptVersion",
      "isRootObservation",
      "traceId",
      "release",
      "startTimeMonth",
      ...TRACE_CONTEXT,
      ...TIME_PARTS,
    ],
    measures: {
      count: "count",
      latency: "ms",
      timeToFirstToken: "ms",
      streamingLatency: "ms",
      inputTokens: "tokens",
      outputTokens: "tokens",
      totalTokens: "tokens",
      totalCost: "usd",
      inputCost: "usd",
      outputCost: "usd",
      outputTokensPerSecond: "tokens/s",
      tokensPerSecond: "tokens/s",
      error: "ratio",
      uniqueTraceIds: "count",
      uniqueUserIds: "count",
    },
    highCardinality: ["traceId", "userId", "sessionId"],
  },
  "scores-numeric": scoreView,
  "scores-categorical": scoreView,
  "scores-boolean": scoreView,
} as const satisfies Record<
  string,
  { dimensions: readonly string[]; measures: Record<string, MetricUnit>; highCardinality: readonly string[] }
>;

export type MetricView = keyof typeof METRIC_CATALOG;
export type MetricDimension<V extends MetricView> = (typeof METRIC_CATALOG)[V]["dimensions"][number];
export type MetricMeasure<V extends MetricView> = keyof (typeof METRIC_CATALOG)[V]["measures"] & string;

/** The dimension (and filter column) prefix for one metadata key: `metadata.<key>`. */
export const METADATA_DIMENSION_PREFIX = "metadata.";
const METADATA_KEY_MAX = 200;
const hasControlCharacter = (text: string) => [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** The key of a `metadata.<key>` field, or null when the field is not one (or the key is not acceptable). */
export function metadataKeyOf(field: string): string | null {
  if (!field.startsWith(METADATA_DIMENSION_PREFIX)) return null;
  const key = field.slice(METADATA_DIMENSION_PREFIX.length);
  return key.length >= 1 && key.length <= METADATA_KEY_MAX && !hasControlCharacter(key) ? key : null;
}
