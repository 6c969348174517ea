import { ZAdminProject, ZAdminUpdateProjectBody, ZProjectDeletionResponse } from "@loupe/contracts";
import { adminDeleteProject, adminUpdateProject } from "@loupe/server";
import { z } from "zod";
import { corsPreflight, defineRoute, json } from "@/lib/server/define-route";

const params = z.object({ projectId: z.string().min(1) });

export const PUT = defineRoute({
  auth: { kind: "organizationKey" },
  params,
  body: ZAdminUpdateProjectBody,
  response: ZAdminProject,
  handler: ({ auth, params, body }) => adminUpdateProject(auth.organizationId, params.projectId, body, auth.audit),
});

/** 202: the project is gone from every read at once; the worker deletes its data. */
export const DELETE = defineRoute({
  auth: { kind: "organizationKey" },
  params,
  response: ZProjectDeletionResponse,
  handler: async ({ auth, params }) => json(await adminDeleteProject(auth.organizationId, params.projectId, auth.audit), 202),
});

export const OPTIONS = corsPreflight;
