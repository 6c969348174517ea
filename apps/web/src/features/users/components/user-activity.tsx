"use client";

import type { TFilterCondition, TWidgetSpec } from "@loupe/contracts";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/states";
import { WidgetCard } from "@/features/dashboards";
import { sessionColumns, useSessions } from "@/features/sessions";
import { projectRoutes } from "@/lib/shared/routes";

/** The user page's charts cover this many days up to now. */
const ACTIVITY_DAYS = 30;
const SESSIONS_PAGE_SIZE = 10;

const COST_SPEC: TWidgetSpec = {
  view: "traces",
  dimensions: [],
  metrics: [{ measure: "totalCost", agg: "sum" }],
  filters: [],
  chartType: "LINE_TIME_SERIES",
  chartConfig: { type: "LINE_TIME_SERIES" },
};

const SCORES_SPEC: TWidgetSpec = {
  view: "scores-numeric",
  dimensions: [{ field: "name" }],
  metrics: [
    { measure: "value", agg: "avg" },
    { measure: "count", agg: "count" },
  ],
  filters: [],
  chartType: "PIVOT_TABLE",
  chartConfig: { type: "PIVOT_TABLE" },
};

/**
 * One user's cost over time and score summary (the dashboards' widget cards over the metrics layer,
 * filtered to the user) and their sessions, linked.
 */
export function UserActivity({ projectId, userId }: { projectId: string; userId: string }) {
  const [range] = useState(() => ({ from: new Date(Date.now() - ACTIVITY_DAYS * 86_400_000), to: new Date() }));
  const filters = useMemo((): TFilterCondition[] => [{ type: "string", column: "userId", operator: "=", value: userId }], [userId]);
  return (
    <div className="space-y-4">
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="h-[260px]">
          <WidgetCard
            projectId={projectId}
            title="Cost over time"
            description={`Cost of this user's traces, last ${ACTIVITY_DAYS} days`}
            fill="Traces of this user with priced generations"
            spec={COST_SPEC}
            range={range}
            filters={filters}
            testId="user-cost-chart"
          />
        </div>
        <div className="h-[260px]">
          <WidgetCard
            projectId={projectId}
            title="Scores"
            description={`Numeric scores on this user's traces, last ${ACTIVITY_DAYS} days`}
            fill="Scores from the SDKs, annotations or evaluators on this user's traces"
            spec={SCORES_SPEC}
            range={range}
            filters={filters}
            testId="user-scores"
          />
        </div>
      </div>
      <UserSessions projectId={projectId} userId={userId} />
    </div>
  );
}

function UserSessions({ projectId, userId }: { projectId: string; userId: string }) {
  const [page, setPage] = useState(1);
  const view = new URLSearchParams({ userId, range: "all", page: String(page), limit: String(SESSIONS_PAGE_SIZE) }).toString();
  const sessions = useSessions(projectId, view, { enabled: true });
  const columns = useMemo(() => sessionColumns(projectId).filter((c) => c.id !== "users" && c.id !== "environment"), [projectId]);
  return (
    <section aria-label="Sessions" className="space-y-2">
      <h2 className="text-sm font-semibold">Sessions</h2>
      <DataTable
        columns={columns}
        query={sessions}
        errorTitle="Could not load the user's sessions"
        empty={<EmptyState title="No sessions for this user">Traces of this user carry no session id.</EmptyState>}
        noun="session"
        rowKey={(s) => s.id}
        rowHref={(s) => projectRoutes(projectId).session(s.id)}
        rowTestId="user-session-row"
        onPageChange={setPage}
        minWidth={640}
      />
    </section>
  );
}
