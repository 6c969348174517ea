import "@/testing/next-environment";
import { randomUUID } from "node:crypto";
import { prisma, upsertOrganizationMembership } from "@loupe/db";
import { createTestUser } from "@loupe/db/testing";
import { closeQueues, getQueue } from "@loupe/jobs";
import { hashPassword, metadataRollupJobId, processIngestionBatch } from "@loupe/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callRoute, createSignedInTenant, type RouteHandler, signInCookie } from "@/testing/call-route";
import * as nextAuthRoute from "./auth/[...nextauth]/route";
import * as internalDashboardRoute from "./internal/projects/[projectId]/dashboards/[dashboardId]/route";
import * as internalDuplicateRoute from "./internal/projects/[projectId]/dashboards/[dashboardId]/duplicate/route";
import * as internalWidgetRoute from "./internal/projects/[projectId]/dashboards/[dashboardId]/widgets/[widgetId]/route";
import * as internalWidgetsRoute from "./internal/projects/[projectId]/dashboards/[dashboardId]/widgets/route";
import * as internalDashboardsRoute from "./internal/projects/[projectId]/dashboards/route";
import * as metricsQueryRoute from "./internal/projects/[projectId]/metrics/query/route";
import * as ingestionRoute from "./public/ingestion/route";
import * as widgetRoute from "./public/unstable/dashboard-widgets/[widgetId]/route";
import * as widgetsRoute from "./public/unstable/dashboard-widgets/route";
import * as dashboardRoute from "./public/unstable/dashboards/[dashboardId]/route";
import * as placementRoute from "./public/unstable/dashboards/[dashboardId]/placements/[placementId]/route";
import * as placementsRoute from "./public/unstable/dashboards/[dashboardId]/placements/route";
import * as dashboardsRoute from "./public/unstable/dashboards/route";

// The dashboards model through its real routes (Postgres, Redis, next-auth sessions): Langfuse's
// unstable public endpoints, the UI's internal ones with their roles, and the semantic-layer query
// every panel reads through.

const BASE = "http://loupe.test";
const auth = nextAuthRoute as unknown as { GET: RouteHandler; POST: RouteHandler };
let owner: { projectId: string; basic: string; cookie: string };
let other: { projectId: string; basic: string; cookie: string };
let viewerCookie = "";

type Call = { url: string; method?: string; body?: unknown; params?: Record<string, string>; headers: Record<string, string> };
async function call(handler: unknown, c: Call) {
  const res = await callRoute(handler as RouteHandler, {
    url: c.url,
    method: c.method ?? "GET",
    headers: { "content-type": "application/json", ...c.headers },
    params: c.params,
    body: c.body === undefined ? undefined : JSON.stringify(c.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const api = (tenant = owner) => ({ authorization: tenant.basic });
const session = (cookie = owner.cookie) => ({ cookie });
const pub = (path: string) => `${BASE}/api/public/unstable${path}`;
const internal = (path: string, projectId = owner.projectId) => `${BASE}/api/internal/projects/${projectId}${path}`;

const widgetBody = {
  name: "Requests by model",
  view: "observations",
  dimensions: [{ field: "providedModelName" }],
  metrics: [{ measure: "count", agg: "count" }],
  filters: [],
  chartType: "HORIZONTAL_BAR",
};
const now = Date.now();
const range = { fromTimestamp: new Date(now - 3_600_000).toISOString(), toTimestamp: new Date(now + 60_000).toISOString() };

beforeAll(async () => {
  owner = await createSignedInTenant(auth, BASE);
  other = await createSignedInTenant(auth, BASE);
  // A VIEWER of the owner's organization (and so of its project).
  const email = `viewer-${randomUUID()}@example.com`;
  const user = await createTestUser({ email, passwordHash: await hashPassword("viewer-password-1") });
  const project = await prisma.project.findUniqueOrThrow({ where: { id: owner.projectId } });
  await upsertOrganizationMembership(project.organizationId, user.id, "VIEWER");
  viewerCookie = await signInCookie(auth, BASE, { email, password: "viewer-password-1" });

  const batch = ["gold", "basic", "gold"].map((tier, i) => ({
    id: randomUUID(),
    type: "generation-create",
    timestamp: new Date(now - 60_000).toISOString(),
    body: {
      id: randomUUID(),
      traceId: randomUUID(),
      name: "answer",
      model: i === 1 ? "gpt-4o-mini" : "gpt-4o",
      startTime: new Date(now - 60_000).toISOString(),
      endTime: new Date(now - 59_000).toISOString(),
      metadata: { tier },
      usageDetails: { input: 100, output: 10 },
    },
  }));
  const ingested = await call(ingestionRoute.POST, {
    url: `${BASE}/api/public/ingestion`,
    method: "POST",
    headers: api(),
    body: { batch },
  });
  expect(ingested.status).toBe(207);
  for (const b of await prisma.ingestionBatch.findMany({ where: { projectId: owner.projectId, processedAt: null } }))
    await processIngestionBatch(b.id);
});

afterAll(async () => {
  await closeQueues();
});

describe("Langfuse unstable dashboard-widgets API", () => {
  it("creates, reads, lists, updates a widget; the config defaults to the chart type", async () => {
    const created = await call(widgetsRoute.POST, { url: pub("/dashboard-widgets"), method: "POST", headers: api(), body: widgetBody });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: "Requests by model",
      description: "",
      chartType: "HORIZONTAL_BAR",
      chartConfig: { type: "HORIZONTAL_BAR" },
    });
    const id = created.body.id as string;
    const got = await call(widgetRoute.GET, { url: pub(`/dashboard-widgets/${id}`), headers: api(), params: { widgetId: id } });
    expect(got.body.dimensions).toEqual([{ field: "providedModelName" }]);
    const list = await call(widgetsRoute.GET, { url: pub("/dashboard-widgets?limit=10"), headers: api() });
    expect(list.body.data.map((w: { id: string }) => w.id)).toContain(id);
    expect(list.body.meta).toMatchObject({ page: 1, limit: 10 });
    // Changing chartType without chartConfig resets the config to the new type's.
    const patched = await call(widgetRoute.PATCH, {
      url: pub(`/dashboard-widgets/${id}`),
      method: "PATCH",
      headers: api(),
      params: { widgetId: id },
      body: { chartType: "PIE", dimensions: [{ field: "metadata.tier" }] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ chartType: "PIE", chartConfig: { type: "PIE" }, dimensions: [{ field: "metadata.tier" }] });
    // Grouped by a metadata key: the web process only asked the worker to roll the key up.
    const job = await getQueue("rollups.metadata-key").getJob(metadataRollupJobId(owner.projectId, "tier"));
    expect(job?.data).toEqual({ projectId: owner.projectId, key: "tier" });
    // Another project's key does not see it.
    const foreign = await call(widgetRoute.GET, { url: pub(`/dashboard-widgets/${id}`), headers: api(other), params: { widgetId: id } });
    expect(foreign.status).toBe(404);
  });

  it.each([
    [{ ...widgetBody, view: "traces" }, /traces view is not supported/],
    [{ ...widgetBody, metrics: [{ measure: "nope", agg: "sum" }] }, /nope/],
    [{ ...widgetBody, dimensions: [{ field: "nope" }] }, /nope/],
    [{ ...widgetBody, chartType: "HEATMAP" }, /HEATMAP needs exactly two dimensions/],
    [{ ...widgetBody, chartConfig: { type: "PIE" } }, /chartConfig.type must match chartType/],
    [{ ...widgetBody, metrics: [] }, /metrics/],
    [{ ...widgetBody, name: "" }, /name/],
  ])("refuses a bad widget with 400 naming the field (%#)", async (body, reason) => {
    const res = await call(widgetsRoute.POST, { url: pub("/dashboard-widgets"), method: "POST", headers: api(), body });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(reason);
  });
});

describe("Langfuse unstable dashboards API", () => {
  it("places widgets on a grid, refuses what does not fit, and keeps a placed widget from deletion", async () => {
    const widget = (await call(widgetsRoute.POST, { url: pub("/dashboard-widgets"), method: "POST", headers: api(), body: widgetBody }))
      .body;
    const created = await call(dashboardsRoute.POST, {
      url: pub("/dashboards"),
      method: "POST",
      headers: api(),
      body: { name: "Ops", definition: { widgets: [{ type: "widget", id: "a", widgetId: widget.id, x: 0, y: 0, width: 6, height: 4 }] } },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: "Ops", description: "", filters: [] });
    const id = created.body.id as string;
    const params = { dashboardId: id };

    // Appended below every tile as a 6×6 tile; a preset places a home panel.
    const placed = await call(placementsRoute.POST, {
      url: pub(`/dashboards/${id}/placements`),
      method: "POST",
      headers: api(),
      params,
      body: { type: "preset", presetId: "cost-by-model" },
    });
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ type: "preset", presetId: "cost-by-model", x: 0, y: 4, width: 6, height: 6 });
    const duplicateId = await call(placementsRoute.POST, {
      url: pub(`/dashboards/${id}/placements`),
      method: "POST",
      headers: api(),
      params,
      body: { type: "widget", id: "a", widgetId: widget.id },
    });
    expect(duplicateId.status).toBe(409);
    const tooWide = await call(placementsRoute.POST, {
      url: pub(`/dashboards/${id}/placements`),
      method: "POST",
      headers: api(),
      params,
      body: { type: "widget", widgetId: widget.id, x: 8, width: 6 },
    });
    expect(tooWide.status).toBe(400);
    const unknownPreset = await call(placementsRoute.POST, {
      url: pub(`/dashboards/${id}/placements`),
      method: "POST",
      headers: api(),
      params,
      body: { type: "preset", presetId: "nope" },
    });
    expect(unknownPreset.status).toBe(400);
    const foreignWidget = await call(dashboardsRoute.POST, {
      url: pub("/dashboards"),
      method: "POST",
      headers: api(other),
      body: { name: "Steal", definition: { widgets: [{ type: "widget", id: "x", widgetId: widget.id, x: 0, y: 0, width: 6, height: 4 }] } },
    });
    expect(foreignWidget.status).toBe(400);

    const moved = await call(placementRoute.PATCH, {
      url: pub(`/dashboards/${id}/placements/a`),
      method: "PATCH",
      headers: api(),
      params: { dashboardId: id, placementId: "a" },
      body: { x: 6, height: 8 },
    });
    expect(moved.body).toMatchObject({ id: "a", x: 6, y: 0, width: 6, height: 8 });

    const blocked = await call(widgetRoute.DELETE, {
      url: pub(`/dashboard-widgets/${widget.id}`),
      method: "DELETE",
      headers: api(),
      params: { widgetId: widget.id },
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toContain('"Ops"');
    const removed = await call(placementRoute.DELETE, {
      url: pub(`/dashboards/${id}/placements/a`),
      method: "DELETE",
      headers: api(),
      params: { dashboardId: id, placementId: "a" },
    });
    expect(removed.status).toBe(200);
    const deleted = await call(widgetRoute.DELETE, {
      url: pub(`/dashboard-widgets/${widget.id}`),
      method: "DELETE",
      headers: api(),
      params: { widgetId: widget.id },
    });
    expect(deleted.body).toEqual({ message: "Dashboard widget deleted" });

    const renamed = await call(dashboardRoute.PATCH, {
      url: pub(`/dashboards/${id}`),
      method: "PATCH",
      headers: api(),
      params,
      body: { name: "Ops 2" },
    });
    expect(renamed.body.definition.widgets).toHaveLength(1);
    expect(renamed.body.name).toBe("Ops 2");
    expect(
      (await call(dashboardRoute.PATCH, { url: pub(`/dashboards/${id}`), method: "PATCH", headers: api(), params, body: {} })).status,
    ).toBe(400);
    expect((await call(dashboardRoute.GET, { url: pub(`/dashboards/${id}`), headers: api(other), params })).status).toBe(404);
    expect((await call(dashboardRoute.DELETE, { url: pub(`/dashboards/${id}`), method: "DELETE", headers: api(), params })).status).toBe(
      200,
    );
    expect((await call(dashboardRoute.GET, { url: pub(`/dashboards/${id}`), headers: api(), params })).status).toBe(404);
  });
});

describe("internal dashboards API (the UI)", () => {
  it("lets a MEMBER+ build, duplicate and delete; a VIEWER reads but cannot write", async () => {
    const created = await call(internalDashboardsRoute.POST, {
      url: internal("/dashboards"),
      method: "POST",
      headers: session(),
      params: { projectId: owner.projectId },
      body: { name: "Tiers" },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const params = { projectId: owner.projectId, dashboardId: id };
    const added = await call(internalWidgetsRoute.POST, {
      url: internal(`/dashboards/${id}/widgets`),
      method: "POST",
      headers: session(),
      params,
      body: { widget: { ...widgetBody, name: "By tier", view: "traces", dimensions: [{ field: "metadata.tier" }] } },
    });
    expect(added.status).toBe(201);
    expect(added.body.widgets).toHaveLength(1);
    const widgetId = added.body.widgets[0].id as string;

    const viewerRead = await call(internalDashboardRoute.GET, {
      url: internal(`/dashboards/${id}`),
      headers: session(viewerCookie),
      params,
    });
    expect(viewerRead.status).toBe(200);
    expect(viewerRead.body.dashboard.definition.widgets[0]).toMatchObject({ type: "widget", widgetId, width: 6, height: 6 });
    for (const attempt of [
      call(internalDashboardsRoute.POST, {
        url: internal("/dashboards"),
        method: "POST",
        headers: session(viewerCookie),
        params: { projectId: owner.projectId },
        body: { name: "No" },
      }),
      call(internalDashboardRoute.PATCH, {
        url: internal(`/dashboards/${id}`),
        method: "PATCH",
        headers: session(viewerCookie),
        params,
        body: { name: "No" },
      }),
      call(internalDashboardRoute.DELETE, { url: internal(`/dashboards/${id}`), method: "DELETE", headers: session(viewerCookie), params }),
      call(internalDuplicateRoute.POST, {
        url: internal(`/dashboards/${id}/duplicate`),
        method: "POST",
        headers: session(viewerCookie),
        params,
      }),
      call(internalWidgetRoute.DELETE, {
        url: internal(`/dashboards/${id}/widgets/${widgetId}`),
        method: "DELETE",
        headers: session(viewerCookie),
        params: { ...params, widgetId },
      }),
    ])
      expect((await attempt).status).toBe(403);
    expect(
      (await call(internalDashboardRoute.GET, { url: internal(`/dashboards/${id}`), headers: session(), params })).body.dashboard.name,
    ).toBe("Tiers");

    // The copy has its own widgets: editing one leaves the original alone.
    const copy = await call(internalDuplicateRoute.POST, {
      url: internal(`/dashboards/${id}/duplicate`),
      method: "POST",
      headers: session(),
      params,
    });
    expect(copy.status).toBe(201);
    expect(copy.body.name).toBe("Tiers (copy)");
    const copyWidgetId = copy.body.definition.widgets[0].widgetId as string;
    expect(copyWidgetId).not.toBe(widgetId);
    await call(internalWidgetRoute.PATCH, {
      url: internal(`/dashboards/${copy.body.id}/widgets/${copyWidgetId}`),
      method: "PATCH",
      headers: session(),
      params: { projectId: owner.projectId, dashboardId: copy.body.id, widgetId: copyWidgetId },
      body: { name: "Changed" },
    });
    const original = await call(internalDashboardRoute.GET, { url: internal(`/dashboards/${id}`), headers: session(), params });
    expect(original.body.widgets[0].name).toBe("By tier");

    // Removing the widget from the dashboard deletes it (nothing else places it).
    const removed = await call(internalWidgetRoute.DELETE, {
      url: internal(`/dashboards/${id}/widgets/${widgetId}`),
      method: "DELETE",
      headers: session(),
      params: { ...params, widgetId },
    });
    expect(removed.body.dashboard.definition.widgets).toEqual([]);
    expect(await prisma.dashboardWidget.count({ where: { id: widgetId } })).toBe(0);

    // Another project's member gets 404 for this dashboard, not its content.
    const foreign = await call(internalDashboardRoute.GET, {
      url: internal(`/dashboards/${id}`, other.projectId),
      headers: session(other.cookie),
      params: { projectId: other.projectId, dashboardId: id },
    });
    expect(foreign.status).toBe(404);
  });

  it("answers a panel's semantic-layer query, including a metadata-key breakdown, and refuses unknown names", async () => {
    const query = (body: unknown, cookie = owner.cookie) =>
      call(metricsQueryRoute.POST, {
        url: internal("/metrics/query"),
        method: "POST",
        headers: session(cookie),
        params: { projectId: owner.projectId },
        body,
      });
    const byTier = await query({
      view: "observations",
      dimensions: [{ field: "metadata.tier" }],
      metrics: [{ measure: "count", aggregation: "count" }],
      orderBy: [{ field: "count_count", direction: "desc" }],
      ...range,
    });
    expect(byTier.status).toBe(200);
    expect(byTier.body.data).toEqual([
      { "metadata.tier": "gold", count_count: 2 },
      { "metadata.tier": "basic", count_count: 1 },
    ]);
    // VIEWERs read dashboards, so they run their queries.
    expect((await query({ view: "traces", metrics: [{ measure: "count", aggregation: "count" }], ...range }, viewerCookie)).status).toBe(
      200,
    );
    const unknown = await query({ view: "observations", metrics: [{ measure: "nope", aggregation: "sum" }], ...range });
    expect(unknown.status).toBe(400);
    expect(unknown.body.title).toMatch(/nope/);
    const backwards = await query({
      view: "observations",
      metrics: [{ measure: "count", aggregation: "count" }],
      fromTimestamp: range.toTimestamp,
      toTimestamp: range.fromTimestamp,
    });
    expect(backwards.status).toBe(400);
  });
});
