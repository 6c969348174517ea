import { ZDeleteProjectBody, ZRenameProjectBody } from "@loupe/contracts";
import { deleteProjectConfirmed, renameProject } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

export const PATCH = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  body: ZRenameProjectBody,
  handler: ({ auth, body }) => renameProject(auth.projectId, body.name, auth.audit),
});

/** The body names the project again (typed by the person deleting it); the worker removes the data. */
export const DELETE = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  body: ZDeleteProjectBody,
  handler: async ({ auth, body }) => {
    await deleteProjectConfirmed(auth.projectId, body.confirmName, auth.audit);
    return json({ deleting: true }, 202);
  },
});
