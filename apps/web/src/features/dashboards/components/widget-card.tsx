"use client";

import type { TFilterCondition, TWidgetSpec } from "@loupe/contracts";
import { Download, Info } from "lucide-react";
import type { ReactNode } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { Button } from "@/components/ui/button";
import { isRetryable } from "@/lib/client/api-client";
import { CHART_RENDERERS } from "../charts/registry";
import { prepareHistogram, type Row } from "../charts/prepare";
import type { DrillTarget } from "../charts/types";
import { downloadCsv } from "../csv";
import { useWidgetData, type WidgetRange } from "../hooks/use-widget-data";

export type WidgetCardProps = {
  projectId: string;
  title: string;
  description?: string;
  /** What data fills this widget, for its empty state. */
  fill?: string;
  spec: TWidgetSpec;
  range: WidgetRange;
  filters: TFilterCondition[];
  /** Dashboard filters this view cannot apply. */
  unapplied?: string[];
  onDrill?: (target: DrillTarget) => void;
  actions?: ReactNode;
  testId?: string;
};

const isEmpty = (spec: TWidgetSpec, rows: Row[]) =>
  spec.chartType === "NUMBER" ? false : rows.length === 0 || (spec.chartType === "HISTOGRAM" && prepareHistogram(rows, spec).length === 0);

/** The frame of every panel and widget: title, CSV download, then skeleton / error + retry / empty / chart. */
export function WidgetCard(props: WidgetCardProps) {
  const { spec, range, filters } = props;
  const { current, previous } = useWidgetData(props.projectId, spec, range, filters);
  const Chart = CHART_RENDERERS[spec.chartType];
  const rows = current.data ?? [];
  return (
    <WidgetFrame
      {...props}
      rows={current.data && !isEmpty(spec, rows) ? rows : undefined}
      loading={current.isPending || (previous?.isPending ?? false)}
    >
      {current.isError ? (
        <WidgetError error={current.error} onRetry={() => current.refetch()} />
      ) : current.data && isEmpty(spec, rows) ? (
        <WidgetEmpty fill={props.fill} />
      ) : current.data ? (
        <Chart spec={spec} rows={rows} previous={previous?.data} range={range} onDrill={props.onDrill} />
      ) : null}
    </WidgetFrame>
  );
}

export function WidgetFrame({
  title,
  description,
  unapplied,
  actions,
  testId,
  rows,
  loading,
  children,
}: Pick<WidgetCardProps, "title" | "description" | "unapplied" | "actions" | "testId"> & {
  rows?: Row[];
  loading: boolean;
  children: ReactNode;
}) {
  return (
    <section
      className="flex h-full min-h-0 flex-col rounded-lg border bg-background p-3"
      data-testid={testId}
      aria-label={title}
      aria-busy={loading}
    >
      <header className="mb-2 flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <h3 className="truncate text-[13px] font-medium" title={title}>
            {title}
          </h3>
          {description ? (
            <p className="truncate text-[11px] text-muted-foreground" title={description}>
              {description}
            </p>
          ) : null}
        </div>
        {unapplied && unapplied.length > 0 ? (
          <span title={`Filters this data cannot apply: ${unapplied.join(", ")}`} className="mt-0.5 text-warning">
            <Info className="h-3.5 w-3.5" aria-label={`Not filtered by ${unapplied.join(", ")}`} />
          </span>
        ) : null}
        <div className="flex shrink-0 items-center gap-0.5">
          {rows && rows.length > 0 ? (
            <Button
              variant="ghost"
              size="sm"
              className="h-6 px-1.5"
              aria-label={`Download ${title} as CSV`}
              title="Download CSV"
              onClick={() => downloadCsv(title, rows)}
            >
              <Download className="h-3.5 w-3.5" />
            </Button>
          ) : null}
          {actions}
        </div>
      </header>
      <div className="relative min-h-0 flex-1">{loading ? <Skeleton className="absolute inset-0" /> : children}</div>
    </section>
  );
}

export function WidgetError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  return (
    <div role="alert" className="flex h-full flex-col items-center justify-center gap-2 text-center text-xs">
      <p className="font-medium text-danger">Could not load this chart</p>
      <p className="max-w-80 text-muted-foreground">{error.message || "Unknown error"}</p>
      {isRetryable(error) ? (
        <Button variant="secondary" size="sm" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

export function WidgetEmpty({ fill }: { fill?: string }) {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-1 text-center text-xs text-muted-foreground">
      <p className="font-medium text-foreground">No data in this range</p>
      {fill ? <p className="max-w-72">Filled by: {fill}.</p> : null}
    </div>
  );
}
