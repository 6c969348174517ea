import type { TDashboardFilterQuery, TWidgetSpec } from "@loupe/contracts";
import { bucketEnd, resolveGranularity } from "@loupe/domain";
import { projectRoutes } from "@/lib/shared/routes";
import type { DrillTarget } from "./charts/types";

// From a clicked point, bar, slice or cell to the traces or observations table with the same filters
// and time window (the tables' URL keys: ZTraceListQuery / ZObservationListQuery).

/** Dimension → the table's URL key, per table. Dimensions without one narrow nothing. */
const TRACE_KEYS: Record<string, string> = {
  name: "name",
  traceName: "name",
  userId: "userId",
  sessionId: "sessionId",
  release: "release",
  traceRelease: "release",
  version: "version",
  traceVersion: "version",
  environment: "environment",
  tags: "tags",
};
const OBSERVATION_KEYS: Record<string, string> = {
  providedModelName: "model",
  name: "name",
  type: "type",
  level: "minLevel",
  environment: "environment",
  version: "version",
  promptName: "promptName",
  promptVersion: "promptVersion",
};
/** Dashboard filters the observations table also has (its `name`/`version` are the observation's, not the trace's). */
const OBSERVATION_PAGE_FILTERS = ["environment", "model"] as const;
const TRACE_PAGE_FILTERS = ["environment", "name", "tags", "userId", "release", "version", "model"] as const;

const present = (v: unknown): v is string | number | string[] =>
  v !== null && v !== undefined && v !== "" && v !== "(none)" && !(Array.isArray(v) && v.length === 0);

export function drilldownHref(
  projectId: string,
  spec: TWidgetSpec,
  filters: TDashboardFilterQuery,
  range: { from: Date; to: Date },
  target: DrillTarget,
): string {
  const observations = spec.view === "observations";
  const params = new URLSearchParams();
  const window =
    target.bucketStart !== undefined
      ? (() => {
          const start = new Date(target.bucketStart);
          return { from: start, to: bucketEnd(start, resolveGranularity(range, spec.chartConfig.granularity)) };
        })()
      : range;
  params.set("from", window.from.toISOString());
  params.set("to", window.to.toISOString());
  for (const key of observations ? OBSERVATION_PAGE_FILTERS : TRACE_PAGE_FILTERS) {
    const v = filters[key];
    if (present(v)) params.set(key, Array.isArray(v) ? v.join(",") : v);
  }
  if (observations) {
    const types = spec.filters.find((f) => f.column === "type" && f.type === "stringOptions" && f.operator === "any of");
    const only = types && Array.isArray(types.value) && types.value.length === 1 ? String(types.value[0]) : "ALL";
    params.set("type", only);
    // An error-rate chart drills into the errors.
    if (spec.metrics.some((m) => m.measure === "error")) params.set("minLevel", "ERROR");
  }
  const keys = observations ? OBSERVATION_KEYS : TRACE_KEYS;
  for (const [field, value] of Object.entries(target.values ?? {})) {
    if (!present(value)) continue;
    if (spec.view.startsWith("scores") && field === "name") params.set("scoreName", String(value));
    else if (spec.view === "scores-categorical" && field === "stringValue") {
      params.set("scoreOperator", "eq");
      params.set("scoreValue", String(value));
    } else if (keys[field]) params.set(keys[field], Array.isArray(value) ? value.join(",") : String(value));
  }
  if (params.has("scoreName") && !params.has("scoreOperator")) params.delete("scoreName");
  const routes = projectRoutes(projectId);
  return `${observations ? routes.observations : routes.traces}?${params.toString()}`;
}
