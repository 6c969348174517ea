import { ZUpdateScoreConfigBody } from "@loupe/contracts";
import { updateProjectScoreConfig } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

/** Edit or archive (`{ isArchived: true }`) a config. */
export const PATCH = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: z.object({ projectId: z.string(), configId: z.string().min(1).max(200) }),
  body: ZUpdateScoreConfigBody,
  handler: ({ auth, params, body }) => updateProjectScoreConfig(auth.projectId, auth.role, params.configId, body),
});
