import { ZCreatePlacementBody, ZDashboardIdParams, ZPlacement } from "@loupe/contracts";
import { addPlacement } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

/** Omitted position: appended below every tile as a 6×6 tile. 409 when the placement id exists. */
export const POST = defineRoute({
  auth: { kind: "apiKey" },
  params: ZDashboardIdParams,
  body: ZCreatePlacementBody,
  response: ZPlacement,
  handler: ({ auth, params, body }) => addPlacement(auth.projectId, { kind: "apiKey" }, params.dashboardId, body),
});

export const OPTIONS = corsPreflight;
