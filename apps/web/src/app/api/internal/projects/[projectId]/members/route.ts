import { ZProjectMembersResponse } from "@loupe/contracts";
import { listMembersOfProject } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

/** The organization's members as this project sees them: organization role, project role, effective role. */
export const GET = defineRoute({
  auth: { kind: "project", can: "project:members" },
  params: z.object({ projectId: z.string() }),
  response: ZProjectMembersResponse,
  handler: async ({ auth }) => ({ members: await listMembersOfProject(auth.projectId) }),
});
