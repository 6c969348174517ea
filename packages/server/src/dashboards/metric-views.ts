import type { TMetricViewsResponse } from "@loupe/contracts";
import { METRIC_VIEW_DEFINITIONS } from "@loupe/db";

/** The names each view of the semantic layer answers, read off its one definition (so new measures appear in the editor). */
export function describeMetricViews(): TMetricViewsResponse {
  return {
    views: Object.fromEntries(
      Object.entries(METRIC_VIEW_DEFINITIONS).map(([view, def]) => [
        view,
        { dimensions: Object.keys(def.dimensions), measures: Object.keys(def.measures), filterOnly: Object.keys(def.filterOnly) },
      ]),
    ) as TMetricViewsResponse["views"],
  };
}
