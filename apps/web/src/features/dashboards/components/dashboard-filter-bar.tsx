"use client";

import { DASHBOARD_TIME_RANGES, ZDashboardFilterQuery } from "@loupe/contracts";
import { dashboardTimeRange } from "@loupe/domain";
import { RefreshCw } from "lucide-react";
import { type ReactNode, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { type FilterField, FilterBar } from "@/components/ui/filter-bar";
import { useListQuery } from "@/lib/client/use-list-query";

const FIELDS: FilterField[] = [
  { key: "environment", label: "Environment", placeholder: "production" },
  { key: "name", label: "Trace name", placeholder: "chat" },
  { key: "tags", label: "Tags", placeholder: "a,b (all of)" },
  { key: "userId", label: "User", placeholder: "user id" },
  { key: "release", label: "Release", placeholder: "v1.2.0" },
  { key: "version", label: "Version", placeholder: "trace version" },
  { key: "model", label: "Model", placeholder: "gpt-4o" },
];

/**
 * The dashboards' URL state (time range and filters, under the traces table's keys) and its bar.
 * The window is fixed when the filters change or on Refresh, so queries keep one cache key meanwhile.
 */
export function useDashboardFilters() {
  const state = useListQuery(ZDashboardFilterQuery);
  const [refreshedAt, setRefreshedAt] = useState(() => Date.now());
  const filters = state.query ?? ZDashboardFilterQuery.parse({});
  const range = useMemo(() => dashboardTimeRange(filters, refreshedAt), [state.search, refreshedAt]);
  return { state, filters, range, refresh: () => setRefreshedAt(Date.now()), now: new Date(refreshedAt) };
}

export function DashboardFilterBar({ dashboard, controls }: { dashboard: ReturnType<typeof useDashboardFilters>; controls?: ReactNode }) {
  return (
    <FilterBar
      state={dashboard.state}
      fields={FIELDS}
      ranges={DASHBOARD_TIME_RANGES}
      defaultRange="7d"
      controls={
        <>
          {controls}
          <Button variant="secondary" size="sm" onClick={dashboard.refresh} aria-label="Refresh">
            <RefreshCw className="h-3.5 w-3.5" />
            Refresh
          </Button>
        </>
      }
    />
  );
}
