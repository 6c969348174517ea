"use client";

import { type TFilterCondition, type TWidgetSpec, ZMetricsResponse } from "@loupe/contracts";
import { previousPeriod, widgetMetricsQuery } from "@loupe/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";
import type { Row } from "../charts/prepare";

export type WidgetRange = { from: Date; to: Date };

/** One semantic-layer query (the same compiler the server and the CSV export use). */
function useMetricsRows(projectId: string, spec: TWidgetSpec, range: WidgetRange, filters: TFilterCondition[], enabled = true) {
  let query: ReturnType<typeof widgetMetricsQuery> | null = null;
  let compileError: Error | null = null;
  try {
    query = widgetMetricsQuery(spec, { range, filters });
  } catch (error) {
    compileError = error as Error;
  }
  const key = JSON.stringify(query);
  return useQuery({
    queryKey: queryKeys.metricsQuery(projectId, key),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<Row[]> => {
      if (!query) throw compileError ?? new Error("This widget cannot be queried");
      return (await apiFetch(ZMetricsResponse, `${projectApi(projectId)}/metrics/query`, { method: "POST", body: query })).data;
    },
  });
}

/** A widget's rows, and for a big number also the previous period's. */
export function useWidgetData(projectId: string, spec: TWidgetSpec, range: WidgetRange, filters: TFilterCondition[]) {
  const current = useMetricsRows(projectId, spec, range, filters);
  const previous = useMetricsRows(projectId, spec, previousPeriod(range), filters, spec.chartType === "NUMBER");
  return { current, previous: spec.chartType === "NUMBER" ? previous : undefined };
}

const HOUR = 3_600_000;
const monthStart = (d: Date, offset = 0) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));

/**
 * This calendar month (UTC) to now, projected to the month's end from its daily run rate, beside the
 * previous month's total. Independent of the picked time range; the dashboard filters apply.
 */
export function useMonthProjection(projectId: string, spec: TWidgetSpec, filters: TFilterCondition[], now: Date) {
  const thisMonth = { from: monthStart(now), to: now };
  const lastMonth = { from: monthStart(now, -1), to: monthStart(now) };
  // Queried to the next full hour (nothing is stored later): hour-aligned windows are read from rollups.
  const current = useMetricsRows(projectId, spec, { from: thisMonth.from, to: new Date(Math.ceil(now.getTime() / HOUR) * HOUR) }, filters);
  const previous = useMetricsRows(projectId, spec, lastMonth, filters);
  const elapsedDays = Math.max((now.getTime() - thisMonth.from.getTime()) / 86_400_000, 1 / 24);
  const monthDays = (monthStart(now, 1).getTime() - thisMonth.from.getTime()) / 86_400_000;
  return {
    current,
    previous,
    scale: monthDays / elapsedDays,
    lastMonthLabel: lastMonth.from.toLocaleDateString("en-GB", { month: "long", timeZone: "UTC" }),
  };
}
