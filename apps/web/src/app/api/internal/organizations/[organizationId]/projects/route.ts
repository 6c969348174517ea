import { ZCreateProjectBody, ZOrganizationProjects } from "@loupe/contracts";
import { createOrganizationProject, listProjectsForSettings } from "@loupe/server";
import { defineRoute, json } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "organization", can: "organization:manage" },
  response: ZOrganizationProjects,
  handler: ({ auth }) => listProjectsForSettings(auth.organizationId),
});

export const POST = defineRoute({
  auth: { kind: "organization", can: "organization:manage" },
  body: ZCreateProjectBody,
  handler: async ({ auth, body }) => {
    const project = await createOrganizationProject(auth.organizationId, { name: body.name }, auth.audit);
    return json({ id: project.id, name: project.name }, 201);
  },
});
