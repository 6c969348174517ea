import {
  type TCreateWidgetBody,
  type TPageQuery,
  type TUpdateWidgetBody,
  type TWidget,
  type TWidgetList,
  type TWidgetSpec,
  offsetOf,
  pageMeta,
  widgetSpecProblems,
  metadataKeyOf,
  ZWidget,
} from "@loupe/contracts";
import {
  createWidgetRow,
  dashboardsPlacingWidget,
  deleteWidgetRow,
  findWidgetRow,
  listWidgetRows,
  type Prisma,
  runMetricsQuery,
  updateWidgetRow,
  type WidgetRow,
  type WidgetWrite,
} from "@loupe/db";
import { widgetMetricsQuery } from "@loupe/domain";
import { badRequest, conflict, notFoundInProject, rejectInvalidQuery } from "../errors.ts";
import { logger } from "../logger.ts";
import { requestMetadataRollup } from "../metrics/metadata-rollups.ts";
import { type DashboardActor, requireEditor } from "./actor.ts";

// Widgets: saved semantic-layer queries plus a chart (Langfuse's unstable dashboard-widgets).

export function widgetDto(row: WidgetRow): TWidget {
  return ZWidget.parse({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    name: row.name,
    description: row.description,
    view: row.view,
    dimensions: row.dimensions,
    metrics: row.metrics,
    filters: row.filters,
    chartType: row.chartType,
    chartConfig: row.chartConfig,
  });
}

/**
 * A widget must be a query the semantic layer answers: its names are checked by compiling and running
 * it over an empty window (one bounded, index-only query), so an unknown measure is a 400 at save time
 * rather than a broken chart later.
 */
export async function assertWidgetRuns(projectId: string, spec: TWidgetSpec): Promise<void> {
  const problems = widgetSpecProblems(spec);
  if (problems[0]) throw badRequest(`${problems[0].path}: ${problems[0].message}`);
  const query = widgetMetricsQuery(spec, { range: { from: new Date(0), to: new Date(1) } });
  await rejectInvalidQuery(() => runMetricsQuery(projectId, { ...query, config: { ...query.config, row_limit: 1 } }, { version: 1 }));
}

/**
 * A widget grouped by a metadata key gets that key rolled up, so its breakdown stays fast. The build
 * reads the project's observations, so the worker does it (one deduplicated job per key); until it is
 * done (or when the project has its maximum of keys) the query scans raw rows, correct but slower. A
 * queue that cannot be reached does not fail the save: the next save of such a widget asks again.
 */
async function rollUpMetadataDimensions(projectId: string, spec: TWidgetSpec) {
  for (const { field } of spec.dimensions) {
    const key = metadataKeyOf(field);
    if (key)
      await requestMetadataRollup(projectId, key).catch((error: unknown) =>
        logger.warn({ projectId, key, err: error instanceof Error ? error.message : String(error) }, "metadata rollup not requested"),
      );
  }
}

function specOf(body: Omit<TCreateWidgetBody, "name" | "description">): TWidgetSpec {
  return {
    view: body.view,
    dimensions: body.dimensions,
    metrics: body.metrics,
    filters: body.filters,
    chartType: body.chartType,
    chartConfig: { ...(body.chartConfig ?? {}), type: body.chartType },
  };
}

const toWrite = (name: string, description: string, spec: TWidgetSpec): WidgetWrite => ({
  name,
  description,
  view: spec.view,
  dimensions: spec.dimensions,
  metrics: spec.metrics,
  filters: spec.filters as Prisma.InputJsonValue,
  chartType: spec.chartType,
  chartConfig: spec.chartConfig as Prisma.InputJsonValue,
});

export async function listWidgets(projectId: string, query: TPageQuery): Promise<TWidgetList> {
  const { rows, total } = await listWidgetRows(projectId, { skip: offsetOf(query), take: query.limit });
  return { data: rows.map(widgetDto), meta: pageMeta(query, total) };
}

export async function getWidget(projectId: string, widgetId: string): Promise<TWidget> {
  const row = await findWidgetRow(projectId, widgetId);
  if (!row) throw notFoundInProject("Dashboard widget", widgetId);
  return widgetDto(row);
}

/** Langfuse's unstable API refuses new `traces` widgets (legacy view); Loupe's own pages may use it. */
function assertViewAllowed(actor: DashboardActor, view: string | null | undefined) {
  if (actor.kind === "apiKey" && view === "traces")
    throw badRequest("view: the legacy traces view is not supported by this API; use observations");
}

export async function createWidget(projectId: string, actor: DashboardActor, body: TCreateWidgetBody): Promise<TWidget> {
  const userId = requireEditor(actor);
  assertViewAllowed(actor, body.view);
  const spec = specOf(body);
  await assertWidgetRuns(projectId, spec);
  const row = await createWidgetRow(projectId, toWrite(body.name, body.description ?? "", spec), userId);
  await rollUpMetadataDimensions(projectId, spec);
  return widgetDto(row);
}

/** Changing chartType without a chartConfig resets the config to the new type's plain one (Langfuse). */
export async function updateWidget(projectId: string, actor: DashboardActor, widgetId: string, body: TUpdateWidgetBody): Promise<TWidget> {
  requireEditor(actor);
  assertViewAllowed(actor, body.view);
  const current = await getWidget(projectId, widgetId);
  const chartType = body.chartType ?? current.chartType;
  const chartConfig = body.chartConfig ?? (body.chartType && body.chartType !== current.chartType ? {} : current.chartConfig);
  if (chartConfig.type && chartConfig.type !== chartType) throw badRequest("chartConfig.type must match chartType");
  const spec = specOf({
    view: body.view ?? current.view,
    dimensions: body.dimensions ?? current.dimensions,
    metrics: body.metrics ?? current.metrics,
    filters: body.filters ?? current.filters,
    chartType,
    chartConfig: { ...chartConfig, type: chartType },
  });
  await assertWidgetRuns(projectId, spec);
  const row = await updateWidgetRow(projectId, widgetId, toWrite(body.name ?? current.name, body.description ?? current.description, spec));
  if (!row) throw notFoundInProject("Dashboard widget", widgetId);
  await rollUpMetadataDimensions(projectId, spec);
  return widgetDto(row);
}

/** A widget still placed on a dashboard answers 409 naming the dashboards (Langfuse). */
export async function deleteWidget(projectId: string, actor: DashboardActor, widgetId: string): Promise<{ message: string }> {
  requireEditor(actor);
  const placedOn = await dashboardsPlacingWidget(projectId, widgetId);
  if (placedOn.length > 0)
    throw conflict(`Widget ${widgetId} is still placed on ${placedOn.map((n) => `"${n}"`).join(", ")}; remove those placements first`);
  if (!(await deleteWidgetRow(projectId, widgetId))) throw notFoundInProject("Dashboard widget", widgetId);
  return { message: "Dashboard widget deleted" };
}
