import { ZCreateModelBody, ZModelPriceList, ZPublicModel } from "@loupe/contracts";
import { createModelPrice, listModelPrices } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

/** The project's models, then the built-in ones (the model prices settings page). */
export const GET = defineRoute({
  auth: { kind: "project" },
  response: ZModelPriceList,
  handler: ({ auth }) => listModelPrices(auth.projectId),
});

/** A project model; a pattern RE2 cannot run answers 400 with the reason. ADMIN and up. */
export const POST = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  body: ZCreateModelBody,
  response: ZPublicModel,
  handler: async ({ auth, body }) => json(await createModelPrice({ projectId: auth.projectId, role: auth.role }, body, auth.audit), 201),
});
