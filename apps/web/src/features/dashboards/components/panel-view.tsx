"use client";

import type { TDashboardFilterQuery, TFilterCondition } from "@loupe/contracts";
import { dashboardFilterConditions, type HomePanel, unappliedFilters } from "@loupe/domain";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { drilldownHref } from "../drilldown";
import type { WidgetRange } from "../hooks/use-widget-data";
import { MonthProjectionCard } from "./month-projection-card";
import { WidgetCard } from "./widget-card";

/** A home panel (or a preset placed on a custom dashboard) with the dashboard's filters and drill-down. */
export function PanelView({
  projectId,
  panel,
  filters,
  range,
  now,
  extraFilters = [],
  actions,
}: {
  projectId: string;
  panel: Pick<HomePanel, "id" | "title" | "description" | "spec" | "fill" | "special">;
  filters: TDashboardFilterQuery;
  range: WidgetRange;
  now: Date;
  extraFilters?: TFilterCondition[];
  actions?: ReactNode;
}) {
  const router = useRouter();
  const conditions = [...dashboardFilterConditions(panel.spec.view, filters), ...extraFilters];
  if (panel.special === "monthProjection")
    return (
      <MonthProjectionCard
        projectId={projectId}
        title={panel.title}
        description={panel.description}
        spec={panel.spec}
        filters={conditions}
        now={now}
      />
    );
  return (
    <WidgetCard
      projectId={projectId}
      title={panel.title}
      description={panel.description}
      fill={panel.fill}
      spec={panel.spec}
      range={range}
      filters={conditions}
      unapplied={unappliedFilters(panel.spec.view, filters)}
      actions={actions}
      testId={`panel-${panel.id}`}
      onDrill={(target) => router.push(drilldownHref(projectId, panel.spec, filters, range, target))}
    />
  );
}
