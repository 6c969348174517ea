import { ZCreateDashboardBody, ZDashboard, ZDashboardList, ZPageQuery } from "@loupe/contracts";
import { createDashboard, listDashboards } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

// Langfuse's unstable dashboards API (openapi.yml `unstable_dashboards_*`), on the same model as the UI.

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZPageQuery,
  response: ZDashboardList,
  handler: ({ auth, query }) => listDashboards(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  body: ZCreateDashboardBody,
  response: ZDashboard,
  handler: ({ auth, body }) => createDashboard(auth.projectId, { kind: "apiKey" }, body),
});

export const OPTIONS = corsPreflight;
