"use client";

import { DASHBOARD_GRID_COLUMNS, type TDashboardWithWidgets, type TPlacement } from "@loupe/contracts";
import { dashboardFilterConditions, homePanel, unappliedFilters } from "@loupe/domain";
import { ArrowLeft, GripVertical, LayoutDashboard, Pencil, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import ReactGridLayout, { type Layout, useContainerWidth, verticalCompactor } from "react-grid-layout";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { useHasRole } from "@/lib/client/project-role";
import { projectRoutes } from "@/lib/shared/routes";
import { DashboardFilterBar, useDashboardFilters } from "./components/dashboard-filter-bar";
import { PanelView } from "./components/panel-view";
import { WidgetCard } from "./components/widget-card";
import { WidgetEditor } from "./components/widget-editor";
import { drilldownHref } from "./drilldown";
import { useDashboard, useDashboardMutations } from "./hooks/use-dashboards";
import { draftFromWidget, draftToBody, newDraft, type WidgetDraft } from "./widget-draft";

type Editing = { widgetId: string | null; draft: WidgetDraft };

/** A 6-row tile (Langfuse's default placement) is about as tall as a home panel. */
const GRID_ROW = 40;

/** A custom dashboard: its widgets on a 12-column grid that MEMBERs drag, resize and edit; VIEWERs read. */
export function DashboardPage({ projectId, dashboardId }: { projectId: string; dashboardId: string }) {
  const query = useDashboard(projectId, dashboardId);
  const canEdit = useHasRole("MEMBER");
  const filters = useDashboardFilters();
  const mutations = useDashboardMutations(projectId);
  const [editing, setEditing] = useState<Editing | null>(null);
  const { width, containerRef, mounted } = useContainerWidth();
  const routes = projectRoutes(projectId);

  if (query.isPending) return <Skeleton className="m-4 h-96" />;
  if (query.isError) return <ErrorState title="Could not load this dashboard" error={query.error} onRetry={() => query.refetch()} />;
  const { dashboard } = query.data;
  const placements = dashboard.definition.widgets;
  const narrow = width < 800;
  const layout: Layout = placements.map((p) => ({
    i: p.id,
    x: narrow ? 0 : p.x,
    y: p.y,
    w: narrow ? DASHBOARD_GRID_COLUMNS : p.width,
    h: p.height,
    minW: 2,
    minH: 3,
  }));

  const saveLayout = (next: Layout) => {
    if (!canEdit || narrow) return;
    const moved = placements.map((p): TPlacement => {
      const l = next.find((n) => n.i === p.id);
      return l ? { ...p, x: l.x, y: l.y, width: l.w, height: l.h } : p;
    });
    if (moved.some((p, i) => JSON.stringify(p) !== JSON.stringify(placements[i])))
      mutations.update.mutate({ id: dashboard.id, body: { definition: { widgets: moved } } });
  };

  const save = (e: Editing) => {
    const body = draftToBody(e.draft);
    const done = { onSuccess: () => setEditing(null) };
    if (e.widgetId) mutations.updateWidget.mutate({ id: dashboard.id, widgetId: e.widgetId, body }, done);
    else mutations.addWidget.mutate({ id: dashboard.id, body: { widget: body } }, done);
  };
  const writeError = [mutations.update, mutations.removeWidget].find((m) => m.error)?.error?.message ?? null;

  return (
    <div className="mx-auto max-w-[1600px] p-4">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <Link href={routes.dashboards} className="text-muted-foreground hover:text-foreground" aria-label="All dashboards">
          <ArrowLeft className="h-4 w-4" />
        </Link>
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-lg font-semibold tracking-tight" title={dashboard.name}>
            {dashboard.name}
          </h1>
          {dashboard.description ? <p className="truncate text-xs text-muted-foreground">{dashboard.description}</p> : null}
        </div>
        {canEdit ? (
          <Button size="sm" onClick={() => setEditing({ widgetId: null, draft: newDraft() })}>
            <Plus className="h-3.5 w-3.5" />
            Add widget
          </Button>
        ) : null}
      </div>
      <DashboardFilterBar dashboard={filters} />
      <FormError message={writeError} />
      <div ref={containerRef} data-testid="dashboard-grid">
        {placements.length === 0 ? (
          <EmptyState icon={<LayoutDashboard className="h-6 w-6 text-accent" />} title="No widgets yet">
            {canEdit
              ? "Add a widget: pick a view, a measure and a breakdown (a model, a user, a tag or any metadata key) and see it live before saving."
              : "A member of this project adds widgets here."}
          </EmptyState>
        ) : mounted ? (
          <ReactGridLayout
            width={width}
            layout={layout}
            gridConfig={{ cols: DASHBOARD_GRID_COLUMNS, rowHeight: GRID_ROW, margin: [12, 12], containerPadding: [0, 0] }}
            dragConfig={{ enabled: canEdit && !narrow, handle: ".widget-drag-handle" }}
            resizeConfig={{ enabled: canEdit && !narrow }}
            compactor={verticalCompactor}
            onLayoutChange={saveLayout}
          >
            {placements.map((p) => (
              <div key={p.id} data-testid="dashboard-tile">
                <Tile
                  placement={p}
                  data={query.data}
                  projectId={projectId}
                  filters={filters}
                  canEdit={canEdit}
                  onEdit={setEditing}
                  onRemove={(widgetId) => mutations.removeWidget.mutate({ id: dashboard.id, widgetId })}
                />
              </div>
            ))}
          </ReactGridLayout>
        ) : null}
      </div>
      {editing ? (
        <WidgetEditor
          projectId={projectId}
          initial={editing.draft}
          range={filters.range}
          dashboardFilters={filters.filters}
          title={editing.widgetId ? "Edit widget" : "Add widget"}
          pending={mutations.addWidget.isPending || mutations.updateWidget.isPending}
          error={(mutations.addWidget.error ?? mutations.updateWidget.error)?.message ?? null}
          onSave={(draft) => save({ ...editing, draft })}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}

function Tile({
  placement,
  data,
  projectId,
  filters,
  canEdit,
  onEdit,
  onRemove,
}: {
  placement: TPlacement;
  data: TDashboardWithWidgets;
  projectId: string;
  filters: ReturnType<typeof useDashboardFilters>;
  canEdit: boolean;
  onEdit: (e: Editing) => void;
  onRemove: (widgetId: string) => void;
}) {
  const router = useRouter();
  const handle = canEdit ? (
    <span className="widget-drag-handle cursor-grab px-0.5 text-muted-foreground" title="Drag to move" aria-hidden>
      <GripVertical className="h-3.5 w-3.5" />
    </span>
  ) : null;
  const saved = data.dashboard.filters;
  if (placement.type === "preset") {
    const panel = homePanel(placement.presetId);
    if (!panel) return null;
    return (
      <PanelView
        projectId={projectId}
        panel={panel}
        filters={filters.filters}
        range={filters.range}
        now={filters.now}
        extraFilters={saved}
        actions={handle}
      />
    );
  }
  const widget = data.widgets.find((w) => w.id === placement.widgetId);
  if (!widget) return null;
  return (
    <WidgetCard
      projectId={projectId}
      title={widget.name}
      description={widget.description}
      spec={widget}
      range={filters.range}
      filters={[...dashboardFilterConditions(widget.view, filters.filters), ...saved]}
      unapplied={unappliedFilters(widget.view, filters.filters)}
      testId="widget-card"
      onDrill={(target) => router.push(drilldownHref(projectId, widget, filters.filters, filters.range, target))}
      actions={
        canEdit ? (
          <>
            <Button
              variant="ghost"
              size="sm"
              className="h-6 px-1.5"
              aria-label={`Edit ${widget.name}`}
              onClick={() => onEdit({ widgetId: widget.id, draft: draftFromWidget(widget) })}
            >
              <Pencil className="h-3.5 w-3.5" />
            </Button>
            <Button
              variant="ghost"
              size="sm"
              className="h-6 px-1.5"
              aria-label={`Remove ${widget.name}`}
              onClick={() => onRemove(widget.id)}
            >
              <Trash2 className="h-3.5 w-3.5" />
            </Button>
            {handle}
          </>
        ) : null
      }
    />
  );
}
