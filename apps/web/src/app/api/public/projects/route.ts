import { ZAdminCreateProjectBody, ZAdminProject, ZProjectsResponse } from "@loupe/contracts";
import { adminCreateProject, getApiKeyProjects } from "@loupe/server";
import { corsPreflight, defineRoute, json } from "@/lib/server/define-route";

/** With a project key: that key's project (the SDKs' auth check). */
export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZProjectsResponse,
  handler: ({ auth }) => getApiKeyProjects(auth.projectId),
});

/** With an organization key: a new project of its organization (201, as Langfuse answers). */
export const POST = defineRoute({
  auth: { kind: "organizationKey" },
  body: ZAdminCreateProjectBody,
  response: ZAdminProject,
  handler: async ({ auth, body }) => json(await adminCreateProject(auth.organizationId, body, auth.audit), 201),
});

export const OPTIONS = corsPreflight;
