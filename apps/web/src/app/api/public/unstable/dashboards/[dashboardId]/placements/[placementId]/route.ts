import { ZDeleted, ZPlacement, ZPlacementIdParams, ZUpdatePlacementBody } from "@loupe/contracts";
import { deletePlacement, updatePlacement } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const PATCH = defineRoute({
  auth: { kind: "apiKey" },
  params: ZPlacementIdParams,
  body: ZUpdatePlacementBody,
  response: ZPlacement,
  handler: ({ auth, params, body }) => updatePlacement(auth.projectId, { kind: "apiKey" }, params.dashboardId, params.placementId, body),
});

/** Removes the tile; the widget stays. */
export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  params: ZPlacementIdParams,
  response: ZDeleted,
  handler: ({ auth, params }) => deletePlacement(auth.projectId, { kind: "apiKey" }, params.dashboardId, params.placementId),
});

export const OPTIONS = corsPreflight;
