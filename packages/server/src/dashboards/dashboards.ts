import { randomUUID } from "node:crypto";
import {
  DASHBOARD_GRID_COLUMNS,
  type TAddDashboardWidgetBody,
  type TCreateDashboardBody,
  type TCreatePlacementBody,
  type TDashboard,
  type TDashboardDefinition,
  type TDashboardList,
  type TDashboardWithWidgets,
  type TPageQuery,
  type TPlacement,
  type TUpdateDashboardBody,
  type TUpdatePlacementBody,
  offsetOf,
  pageMeta,
  ZDashboard,
  ZDashboardDefinition,
} from "@loupe/contracts";
import {
  changeDashboardDefinition,
  createDashboardRow,
  type DashboardRow,
  deleteDashboardRow,
  duplicateDashboardRows,
  findDashboardRow,
  findWidgetRow,
  findWidgetRows,
  listDashboardRows,
  type Prisma,
  updateDashboardRow,
} from "@loupe/db";
import { homePanel } from "@loupe/domain";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { badRequest, conflict, notFoundInProject } from "../errors.ts";
import { type DashboardActor, requireEditor } from "./actor.ts";
import { createWidget, deleteWidget, widgetDto } from "./widgets.ts";

// Dashboards: a grid of placements (widgets of the project, or home-dashboard presets) plus
// dashboard-level filters. Langfuse's unstable dashboards API and the UI share these use cases.

export function dashboardDto(row: DashboardRow): TDashboard {
  return ZDashboard.parse({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    name: row.name,
    description: row.description,
    definition: row.definition,
    filters: row.filters,
  });
}

/** Every placement must point at a widget of this project or a known preset. */
async function assertPlacementsExist(projectId: string, definition: TDashboardDefinition): Promise<void> {
  const widgetIds = [...new Set(definition.widgets.flatMap((p) => (p.type === "widget" ? [p.widgetId] : [])))];
  const found = new Set((await findWidgetRows(projectId, widgetIds)).map((w) => w.id));
  for (const [i, p] of definition.widgets.entries()) {
    if (p.type === "widget" && !found.has(p.widgetId))
      throw badRequest(`definition.widgets.${i}.widgetId: widget ${p.widgetId} not found within authorized project`);
    if (p.type === "preset" && !homePanel(p.presetId)) throw badRequest(`definition.widgets.${i}.presetId: unknown preset ${p.presetId}`);
    if (p.x + p.width > DASHBOARD_GRID_COLUMNS)
      throw badRequest(`definition.widgets.${i}: x + width must fit the ${DASHBOARD_GRID_COLUMNS}-column grid`);
  }
}

export async function listDashboards(projectId: string, query: TPageQuery): Promise<TDashboardList> {
  const { rows, total } = await listDashboardRows(projectId, { skip: offsetOf(query), take: query.limit });
  return { data: rows.map(dashboardDto), meta: pageMeta(query, total) };
}

async function findDashboard(projectId: string, dashboardId: string): Promise<DashboardRow> {
  const row = await findDashboardRow(projectId, dashboardId);
  if (!row) throw notFoundInProject("Dashboard", dashboardId);
  return row;
}

export const getDashboard = async (projectId: string, dashboardId: string) => dashboardDto(await findDashboard(projectId, dashboardId));

/** The dashboard with the widgets it places, for the UI (one request per page). */
export async function getDashboardWithWidgets(projectId: string, dashboardId: string): Promise<TDashboardWithWidgets> {
  const dashboard = await getDashboard(projectId, dashboardId);
  const ids = dashboard.definition.widgets.flatMap((p) => (p.type === "widget" ? [p.widgetId] : []));
  return { dashboard, widgets: (await findWidgetRows(projectId, ids)).map(widgetDto) };
}

export async function createDashboard(projectId: string, actor: DashboardActor, body: TCreateDashboardBody): Promise<TDashboard> {
  const userId = requireEditor(actor);
  const definition = body.definition ?? { widgets: [] };
  await assertPlacementsExist(projectId, definition);
  const row = await createDashboardRow(
    projectId,
    { name: body.name, description: body.description ?? "", definition, filters: (body.filters ?? []) as Prisma.InputJsonValue },
    userId,
  );
  return dashboardDto(row);
}

export async function updateDashboard(
  projectId: string,
  actor: DashboardActor,
  dashboardId: string,
  body: TUpdateDashboardBody,
): Promise<TDashboard> {
  requireEditor(actor);
  if (body.definition) await assertPlacementsExist(projectId, body.definition);
  const row = await updateDashboardRow(projectId, dashboardId, {
    ...(body.name ? { name: body.name } : {}),
    ...(body.description !== undefined && body.description !== null ? { description: body.description } : {}),
    ...(body.definition ? { definition: body.definition } : {}),
    ...(body.filters ? { filters: body.filters as Prisma.InputJsonValue } : {}),
  });
  if (!row) throw notFoundInProject("Dashboard", dashboardId);
  return dashboardDto(row);
}

export async function deleteDashboard(
  projectId: string,
  actor: DashboardActor,
  dashboardId: string,
  audit: AuditContext,
): Promise<{ message: string }> {
  requireEditor(actor);
  if (!(await deleteDashboardRow(projectId, dashboardId))) throw notFoundInProject("Dashboard", dashboardId);
  await recordAudit(undefined, audit, { action: "dashboard.deleted", projectId, resource: { type: "dashboard", id: dashboardId } });
  return { message: "Dashboard deleted" };
}

/** A copy with its own copies of the widgets, named "<name> (copy)". */
export async function duplicateDashboard(projectId: string, actor: DashboardActor, dashboardId: string): Promise<TDashboard> {
  const userId = requireEditor(actor);
  const source = await findDashboard(projectId, dashboardId);
  const definition = ZDashboardDefinition.parse(source.definition);
  const widgets = await findWidgetRows(
    projectId,
    definition.widgets.flatMap((p) => (p.type === "widget" ? [p.widgetId] : [])),
  );
  const row = await duplicateDashboardRows(projectId, source, widgets, `${source.name} (copy)`.slice(0, 200), userId, (ids) => ({
    widgets: definition.widgets.map((p) => (p.type === "widget" ? { ...p, widgetId: ids.get(p.widgetId) ?? p.widgetId } : p)),
  }));
  return dashboardDto(row);
}

/** Below every tile, as Langfuse appends. */
const nextRow = (d: TDashboardDefinition) => d.widgets.reduce((y, p) => Math.max(y, p.y + p.height), 0);

export async function addPlacement(
  projectId: string,
  actor: DashboardActor,
  dashboardId: string,
  body: TCreatePlacementBody,
): Promise<TPlacement> {
  requireEditor(actor);
  if (body.type === "widget" && !(await findWidgetRow(projectId, body.widgetId)))
    throw badRequest(`widgetId: widget ${body.widgetId} not found within authorized project`);
  if (body.type === "preset" && !homePanel(body.presetId)) throw badRequest(`presetId: unknown preset ${body.presetId}`);
  const changed = await changeDashboardDefinition(projectId, dashboardId, (raw) => {
    const definition = ZDashboardDefinition.parse(raw);
    const id = body.id ?? randomUUID();
    if (definition.widgets.some((p) => p.id === id)) throw conflict(`A placement with id ${id} already exists on this dashboard`);
    const box = { x: body.x ?? 0, y: body.y ?? nextRow(definition), width: body.width ?? 6, height: body.height ?? 6 };
    if (box.x + box.width > DASHBOARD_GRID_COLUMNS) throw badRequest(`x + width must fit the ${DASHBOARD_GRID_COLUMNS}-column grid`);
    const placement: TPlacement =
      body.type === "widget"
        ? { type: "widget", id, widgetId: body.widgetId, ...box }
        : { type: "preset", id, presetId: body.presetId, ...box };
    return { definition: { widgets: [...definition.widgets, placement] }, result: placement };
  });
  if (!changed) throw notFoundInProject("Dashboard", dashboardId);
  return changed.result;
}

export async function updatePlacement(
  projectId: string,
  actor: DashboardActor,
  dashboardId: string,
  placementId: string,
  body: TUpdatePlacementBody,
): Promise<TPlacement> {
  requireEditor(actor);
  const changed = await changeDashboardDefinition(projectId, dashboardId, (raw) => {
    const definition = ZDashboardDefinition.parse(raw);
    const current = definition.widgets.find((p) => p.id === placementId);
    if (!current) throw notFoundInProject("Placement", placementId);
    const next = {
      ...current,
      x: body.x ?? current.x,
      y: body.y ?? current.y,
      width: body.width ?? current.width,
      height: body.height ?? current.height,
    };
    if (next.x + next.width > DASHBOARD_GRID_COLUMNS) throw badRequest(`x + width must fit the ${DASHBOARD_GRID_COLUMNS}-column grid`);
    return { definition: { widgets: definition.widgets.map((p) => (p.id === placementId ? next : p)) }, result: next };
  });
  if (!changed) throw notFoundInProject("Dashboard", dashboardId);
  return changed.result;
}

export async function deletePlacement(
  projectId: string,
  actor: DashboardActor,
  dashboardId: string,
  placementId: string,
): Promise<{ message: string }> {
  requireEditor(actor);
  const changed = await changeDashboardDefinition(projectId, dashboardId, (raw) => {
    const definition = ZDashboardDefinition.parse(raw);
    if (!definition.widgets.some((p) => p.id === placementId)) throw notFoundInProject("Placement", placementId);
    return { definition: { widgets: definition.widgets.filter((p) => p.id !== placementId) }, result: null };
  });
  if (!changed) throw notFoundInProject("Dashboard", dashboardId);
  return { message: "Placement deleted" };
}

/** The UI's "add widget": create the widget and place it below the others. */
export async function addDashboardWidget(
  projectId: string,
  actor: DashboardActor,
  dashboardId: string,
  body: TAddDashboardWidgetBody,
): Promise<TDashboardWithWidgets> {
  await findDashboard(projectId, dashboardId);
  const widget = await createWidget(projectId, actor, body.widget);
  await addPlacement(projectId, actor, dashboardId, { type: "widget", widgetId: widget.id, ...(body.placement ?? {}) });
  return getDashboardWithWidgets(projectId, dashboardId);
}

/** The UI's "remove widget": drop its placements here and the widget itself when nothing else places it. */
export async function removeDashboardWidget(
  projectId: string,
  actor: DashboardActor,
  dashboardId: string,
  widgetId: string,
): Promise<TDashboardWithWidgets> {
  requireEditor(actor);
  const changed = await changeDashboardDefinition(projectId, dashboardId, (raw) => {
    const definition = ZDashboardDefinition.parse(raw);
    return { definition: { widgets: definition.widgets.filter((p) => p.type !== "widget" || p.widgetId !== widgetId) }, result: null };
  });
  if (!changed) throw notFoundInProject("Dashboard", dashboardId);
  await deleteWidget(projectId, actor, widgetId).catch((error: unknown) => {
    // Still placed on another dashboard: keep it there.
    if (!(error instanceof Error && "status" in error && (error as { status: number }).status === 409)) throw error;
  });
  return getDashboardWithWidgets(projectId, dashboardId);
}
