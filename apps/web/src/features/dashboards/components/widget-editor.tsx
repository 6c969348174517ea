"use client";

import {
  METRIC_AGGREGATIONS,
  METRIC_CATALOG,
  METRIC_VIEWS,
  type MetricView,
  TIME_GRANULARITIES,
  WIDGET_CHART_TYPES,
  isTimeSeriesChart,
} from "@loupe/contracts";
import type { TDashboardFilterQuery } from "@loupe/contracts";
import { dashboardFilterConditions } from "@loupe/domain";
import { Plus, X } from "lucide-react";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { cn } from "@/lib/shared/cn";
import { dimensionLabel, metricLabel } from "../charts/format";
import { CHART_LABELS } from "../charts/registry";
import type { WidgetRange } from "../hooks/use-widget-data";
import { type DimensionDraft, dimensionSlots, draftToSpec, METADATA_FIELD, NO_DIMENSION, type WidgetDraft } from "../widget-draft";
import { WidgetCard } from "./widget-card";

const control = "h-8 w-full rounded-md border bg-background px-2 text-[13px]";
const VIEW_LABELS: Record<MetricView, string> = {
  traces: "Traces",
  observations: "Observations",
  "scores-numeric": "Numeric scores",
  "scores-categorical": "Categorical scores",
  "scores-boolean": "Boolean scores",
};

function Labelled({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <label className={cn("flex flex-col gap-1 text-xs text-muted-foreground", className)}>
      {label}
      {children}
    </label>
  );
}

/** A catalog dimension, or "metadata key…" with a text box for the key. */
function DimensionPicker({
  label,
  view,
  value,
  onChange,
  allowNone = true,
}: {
  label: string;
  view: MetricView;
  value: DimensionDraft;
  onChange: (v: DimensionDraft) => void;
  allowNone?: boolean;
}) {
  return (
    <div className="flex flex-col gap-1">
      <Labelled label={label}>
        <select className={control} value={value.field} onChange={(e) => onChange({ ...value, field: e.target.value })}>
          {allowNone ? <option value={NO_DIMENSION}>None</option> : <option value={NO_DIMENSION}>Choose…</option>}
          {/* `model` is an alias of providedModelName in the catalog: offered once. */}
          {METRIC_CATALOG[view].dimensions
            .filter((d) => d !== "model")
            .map((d) => (
              <option key={d} value={d}>
                {dimensionLabel(d)}
              </option>
            ))}
          <option value={METADATA_FIELD}>Metadata key…</option>
        </select>
      </Labelled>
      {value.field === METADATA_FIELD ? (
        <input
          aria-label={`${label} metadata key`}
          placeholder="metadata key, e.g. customer_tier"
          className={control}
          value={value.metadataKey}
          maxLength={200}
          onChange={(e) => onChange({ ...value, metadataKey: e.target.value })}
        />
      ) : null}
    </div>
  );
}

/**
 * The widget editor: view, measure + aggregation, breakdowns (any metadata key), filters and chart
 * type on the left; the live preview on the right runs the same query the saved widget will.
 */
export function WidgetEditor({
  projectId,
  initial,
  range,
  dashboardFilters,
  title,
  pending,
  error,
  onSave,
  onClose,
}: {
  projectId: string;
  initial: WidgetDraft;
  range: WidgetRange;
  /** The dashboard's filter bar, so the preview shows what the tile will. */
  dashboardFilters: TDashboardFilterQuery;
  title: string;
  pending: boolean;
  error: string | null;
  onSave: (draft: WidgetDraft) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState(initial);
  useEffect(() => ref.current?.showModal(), []);
  const set = (patch: Partial<WidgetDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const { spec, problems } = draftToSpec(draft);
  const measures = Object.keys(METRIC_CATALOG[draft.view].measures);
  const slots = dimensionSlots(draft.chartType);
  const setSlot = (i: number, v: DimensionDraft) => {
    const next = [...draft.dimensions];
    while (next.length <= i) next.push({ field: NO_DIMENSION, metadataKey: "" });
    next[i] = v;
    set({ dimensions: next });
  };
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-label={title}
      className="m-auto h-[min(720px,calc(100vh-2rem))] w-[min(1180px,calc(100vw-2rem))] rounded-lg border bg-panel p-0 text-foreground shadow-xl backdrop:bg-black/40"
    >
      <form
        className="flex h-full flex-col"
        onSubmit={(e) => {
          e.preventDefault();
          if (problems.length === 0) onSave(draft);
        }}
      >
        <div className="flex items-center border-b px-4 py-3">
          <h2 className="flex-1 text-base font-semibold">{title}</h2>
          <Button variant="ghost" size="sm" aria-label="Close" onClick={() => ref.current?.close()}>
            <X className="h-4 w-4" />
          </Button>
        </div>
        <div className="grid min-h-0 flex-1 grid-cols-[300px_1fr] max-[900px]:grid-cols-1 max-[900px]:overflow-y-auto">
          <div className="space-y-3 overflow-y-auto border-r p-4 max-[900px]:border-r-0">
            <Labelled label="Name">
              <input
                className={control}
                value={draft.name}
                maxLength={200}
                placeholder="Untitled widget"
                onChange={(e) => set({ name: e.target.value })}
              />
            </Labelled>
            <Labelled label="View">
              <select
                className={control}
                value={draft.view}
                onChange={(e) => {
                  const view = e.target.value as MetricView;
                  set({
                    view,
                    measure: "count",
                    agg: "count",
                    dimensions: [{ field: NO_DIMENSION, metadataKey: "" }],
                    filters: [],
                    keptFilters: [],
                  });
                }}
              >
                {METRIC_VIEWS.map((v) => (
                  <option key={v} value={v}>
                    {VIEW_LABELS[v]}
                  </option>
                ))}
              </select>
            </Labelled>
            <div className="grid grid-cols-2 gap-2">
              <Labelled label="Measure">
                <select className={control} value={draft.measure} onChange={(e) => set({ measure: e.target.value })}>
                  {measures.map((m) => (
                    <option key={m} value={m}>
                      {metricLabel({ measure: m, agg: "sum" })}
                    </option>
                  ))}
                </select>
              </Labelled>
              <Labelled label="Aggregation">
                <select
                  className={control}
                  value={draft.chartType === "HISTOGRAM" ? "histogram" : draft.agg}
                  disabled={draft.chartType === "HISTOGRAM"}
                  onChange={(e) => set({ agg: e.target.value as WidgetDraft["agg"] })}
                >
                  {METRIC_AGGREGATIONS.filter((a) => a !== "histogram" || draft.chartType === "HISTOGRAM").map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                </select>
              </Labelled>
            </div>
            <Labelled label="Chart">
              <select
                className={control}
                value={draft.chartType}
                onChange={(e) => set({ chartType: e.target.value as WidgetDraft["chartType"] })}
              >
                {WIDGET_CHART_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {CHART_LABELS[t]}
                  </option>
                ))}
              </select>
            </Labelled>
            {isTimeSeriesChart(draft.chartType) ? (
              <Labelled label="Time bucket">
                <select
                  className={control}
                  value={draft.granularity}
                  onChange={(e) => set({ granularity: e.target.value as WidgetDraft["granularity"] })}
                >
                  {TIME_GRANULARITIES.map((g) => (
                    <option key={g} value={g}>
                      {g}
                    </option>
                  ))}
                </select>
              </Labelled>
            ) : null}
            {Array.from({ length: slots }, (_, i) => (
              <DimensionPicker
                key={i}
                label={slots === 2 ? (i === 0 ? "Rows" : "Columns") : "Break down by"}
                view={draft.view}
                value={draft.dimensions[i] ?? { field: NO_DIMENSION, metadataKey: "" }}
                onChange={(v) => setSlot(i, v)}
              />
            ))}
            <FilterList draft={draft} set={set} />
          </div>
          <div className="flex min-h-[320px] flex-col gap-2 p-4">
            <p className="text-xs text-muted-foreground">
              Preview · {range.from.toLocaleString("en-GB")} – {range.to.toLocaleString("en-GB")}
            </p>
            <div className="min-h-0 flex-1" data-testid="widget-preview">
              {problems.length > 0 ? (
                <div className="flex h-full items-center justify-center rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
                  {problems[0]}
                </div>
              ) : (
                <WidgetCard
                  projectId={projectId}
                  title={draft.name || "Untitled widget"}
                  spec={spec}
                  range={range}
                  filters={dashboardFilterConditions(spec.view, dashboardFilters)}
                  fill="the data this query selects"
                />
              )}
            </div>
          </div>
        </div>
        <div className="flex items-center gap-2 border-t px-4 py-3">
          <FormError message={error} />
          <div className="ml-auto flex gap-2">
            <Button variant="secondary" onClick={() => ref.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending || problems.length > 0}>
              Save widget
            </Button>
          </div>
        </div>
      </form>
    </dialog>
  );
}

function FilterList({ draft, set }: { draft: WidgetDraft; set: (patch: Partial<WidgetDraft>) => void }) {
  const update = (i: number, patch: Partial<WidgetDraft["filters"][number]>) =>
    set({ filters: draft.filters.map((f, k) => (k === i ? { ...f, ...patch } : f)) });
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-xs text-muted-foreground">Filters</legend>
      {draft.filters.map((f, i) => (
        <div key={i} className="space-y-1 rounded-md border p-2">
          <div className="flex gap-1">
            <DimensionPicker label="Column" view={draft.view} value={f} allowNone={false} onChange={(v) => update(i, v)} />
            <Button
              variant="ghost"
              size="sm"
              className="mt-5 h-8 px-1.5"
              aria-label="Remove filter"
              onClick={() => set({ filters: draft.filters.filter((_, k) => k !== i) })}
            >
              <X className="h-3.5 w-3.5" />
            </Button>
          </div>
          <div className="flex gap-1">
            <select
              aria-label="Operator"
              className={cn(control, "w-28")}
              value={f.operator}
              onChange={(e) => update(i, { operator: e.target.value as "any of" | "none of" })}
            >
              <option value="any of">is any of</option>
              <option value="none of">is none of</option>
            </select>
            <input
              aria-label="Values"
              placeholder="a, b"
              className={control}
              value={f.values}
              onChange={(e) => update(i, { values: e.target.value })}
            />
          </div>
        </div>
      ))}
      <Button
        variant="secondary"
        size="sm"
        onClick={() => set({ filters: [...draft.filters, { field: NO_DIMENSION, metadataKey: "", operator: "any of", values: "" }] })}
      >
        <Plus className="h-3.5 w-3.5" />
        Add filter
      </Button>
    </fieldset>
  );
}
