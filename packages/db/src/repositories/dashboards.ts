import { prisma } from "../client.ts";
import type { Prisma } from "../generated/prisma/client.ts";

// Custom dashboards and their widgets. Every function takes projectId first and scopes by it; the
// JSON columns hold what the contracts parsed (ZWidgetSpec fields, ZDashboardDefinition).

export type DashboardRow = Prisma.DashboardGetPayload<Record<string, never>>;
export type WidgetRow = Prisma.DashboardWidgetGetPayload<Record<string, never>>;

export interface DashboardWrite {
  name: string;
  description: string;
  definition: Prisma.InputJsonValue;
  filters: Prisma.InputJsonValue;
}
export interface WidgetWrite {
  name: string;
  description: string;
  view: string;
  dimensions: Prisma.InputJsonValue;
  metrics: Prisma.InputJsonValue;
  filters: Prisma.InputJsonValue;
  chartType: string;
  chartConfig: Prisma.InputJsonValue;
}

const page = (p: { skip: number; take: number }) => ({
  skip: p.skip,
  take: p.take,
  orderBy: [{ updatedAt: "desc" as const }, { id: "asc" as const }],
});

export async function listDashboardRows(projectId: string, p: { skip: number; take: number }) {
  const [rows, total] = await Promise.all([
    prisma.dashboard.findMany({ where: { projectId }, ...page(p) }),
    prisma.dashboard.count({ where: { projectId } }),
  ]);
  return { rows, total };
}

export const findDashboardRow = (projectId: string, id: string) => prisma.dashboard.findFirst({ where: { projectId, id } });

export const createDashboardRow = (projectId: string, data: DashboardWrite, createdBy: string | null) =>
  prisma.dashboard.create({ data: { projectId, createdBy, ...data } });

/** Null when the dashboard is not in the project. */
export async function updateDashboardRow(projectId: string, id: string, data: Partial<DashboardWrite>): Promise<DashboardRow | null> {
  const { count } = await prisma.dashboard.updateMany({ where: { projectId, id }, data });
  return count === 0 ? null : findDashboardRow(projectId, id);
}

/**
 * Changes a dashboard's definition under a row lock, so two placements added at once both land.
 * `change` returns the new definition, or throws to leave it as it was.
 */
export async function changeDashboardDefinition<T>(
  projectId: string,
  id: string,
  change: (definition: unknown) => { definition: Prisma.InputJsonValue; result: T },
): Promise<{ row: DashboardRow; result: T } | null> {
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ definition: unknown }[]>`
      SELECT "definition" FROM "Dashboard" WHERE "projectId" = ${projectId} AND "id" = ${id} FOR UPDATE`;
    if (!locked[0]) return null;
    const { definition, result } = change(locked[0].definition);
    const row = await tx.dashboard.update({ where: { id }, data: { definition } });
    return { row, result };
  });
}

export async function deleteDashboardRow(projectId: string, id: string): Promise<boolean> {
  const { count } = await prisma.dashboard.deleteMany({ where: { projectId, id } });
  return count > 0;
}

export async function listWidgetRows(projectId: string, p: { skip: number; take: number }) {
  const [rows, total] = await Promise.all([
    prisma.dashboardWidget.findMany({ where: { projectId }, ...page(p) }),
    prisma.dashboardWidget.count({ where: { projectId } }),
  ]);
  return { rows, total };
}

export const findWidgetRow = (projectId: string, id: string) => prisma.dashboardWidget.findFirst({ where: { projectId, id } });

export const findWidgetRows = (projectId: string, ids: string[]) =>
  prisma.dashboardWidget.findMany({ where: { projectId, id: { in: ids } } });

export const createWidgetRow = (projectId: string, data: WidgetWrite, createdBy: string | null) =>
  prisma.dashboardWidget.create({ data: { projectId, createdBy, ...data } });

export async function updateWidgetRow(projectId: string, id: string, data: Partial<WidgetWrite>): Promise<WidgetRow | null> {
  const { count } = await prisma.dashboardWidget.updateMany({ where: { projectId, id }, data });
  return count === 0 ? null : findWidgetRow(projectId, id);
}

/** Names of the project's dashboards that place the widget (a placed widget is not deleted). */
export async function dashboardsPlacingWidget(projectId: string, widgetId: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ name: string }[]>`
    SELECT "name" FROM "Dashboard"
    WHERE "projectId" = ${projectId} AND "definition"->'widgets' @> ${JSON.stringify([{ widgetId }])}::jsonb
    ORDER BY "name" LIMIT 10`;
  return rows.map((r) => r.name);
}

export async function deleteWidgetRow(projectId: string, id: string): Promise<boolean> {
  const { count } = await prisma.dashboardWidget.deleteMany({ where: { projectId, id } });
  return count > 0;
}

/**
 * Copies a dashboard with its own copies of its widgets (editing the copy leaves the original alone),
 * in one transaction. `remap` rewrites the definition with the new widget ids.
 */
export async function duplicateDashboardRows(
  projectId: string,
  source: DashboardRow,
  widgets: WidgetRow[],
  name: string,
  createdBy: string | null,
  remap: (ids: Map<string, string>) => Prisma.InputJsonValue,
): Promise<DashboardRow> {
  return prisma.$transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const w of widgets) {
      const { id, projectId: _p, createdAt: _c, updatedAt: _u, createdBy: _b, ...fields } = w;
      const copy = await tx.dashboardWidget.create({
        data: {
          ...fields,
          projectId,
          createdBy,
          dimensions: fields.dimensions as Prisma.InputJsonValue,
          metrics: fields.metrics as Prisma.InputJsonValue,
          filters: fields.filters as Prisma.InputJsonValue,
          chartConfig: fields.chartConfig as Prisma.InputJsonValue,
        },
      });
      ids.set(id, copy.id);
    }
    return tx.dashboard.create({
      data: {
        projectId,
        createdBy,
        name,
        description: source.description,
        filters: source.filters as Prisma.InputJsonValue,
        definition: remap(ids),
      },
    });
  });
}
