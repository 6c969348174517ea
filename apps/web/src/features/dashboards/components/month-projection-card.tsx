"use client";

import type { TFilterCondition, TWidgetSpec } from "@loupe/contracts";
import { metricKey } from "@loupe/domain";
import { formatCost } from "@/lib/shared/format";
import { useMonthProjection } from "../hooks/use-widget-data";
import { WidgetError, WidgetFrame } from "./widget-card";

/** Month-to-date cost, its projection from the daily run rate, and last month's total beside it. */
export function MonthProjectionCard({
  projectId,
  title,
  description,
  spec,
  filters,
  now,
}: {
  projectId: string;
  title: string;
  description: string;
  spec: TWidgetSpec;
  filters: TFilterCondition[];
  now: Date;
}) {
  const { current, previous, scale, lastMonthLabel } = useMonthProjection(projectId, spec, filters, now);
  const key = metricKey(spec.metrics[0] ?? { measure: "totalCost", agg: "sum" });
  const mtd = Number(current.data?.[0]?.[key] ?? 0);
  const last = Number(previous.data?.[0]?.[key] ?? 0);
  const projected = mtd * scale;
  return (
    <WidgetFrame
      title={title}
      description={description}
      testId="panel-month-projection"
      rows={current.data}
      loading={current.isPending || previous.isPending}
    >
      {current.isError || previous.isError ? (
        <WidgetError
          error={(current.error ?? previous.error) as Error}
          onRetry={() => void Promise.all([current.refetch(), previous.refetch()])}
        />
      ) : (
        <div className="flex h-full flex-col justify-center gap-1 px-1">
          <p
            className="font-mono text-2xl font-semibold tabular"
            title="Projected to the end of the month (UTC) at this month's daily run rate"
          >
            {formatCost(projected)}
            <span className="ml-1.5 font-sans text-xs font-normal text-muted-foreground">projected</span>
          </p>
          <p className="text-xs text-muted-foreground">
            <span className="font-mono tabular text-foreground">{formatCost(mtd)}</span> so far ·{" "}
            <span className="font-mono tabular text-foreground">{formatCost(last)}</span> in {lastMonthLabel}
          </p>
        </div>
      )}
    </WidgetFrame>
  );
}
