import { ZCreateDashboardBody, ZDashboard, ZDashboardList, ZPageQuery } from "@loupe/contracts";
import { createDashboard, listDashboards } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  query: ZPageQuery,
  response: ZDashboardList,
  handler: ({ auth, query }) => listDashboards(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  body: ZCreateDashboardBody,
  response: ZDashboard,
  handler: async ({ auth, body }) =>
    json(await createDashboard(auth.projectId, { kind: "user", userId: auth.user.id, role: auth.role }, body), 201),
});
