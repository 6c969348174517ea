import { ZCreateLabelRequestBody, ZPromptNameParam } from "@loupe/contracts";
import { requestLabelMove } from "@loupe/server";
import { z } from "zod";
import { defineRoute, json } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: z.object({ projectId: z.string(), promptName: ZPromptNameParam }),
  body: ZCreateLabelRequestBody,
  handler: async ({ auth, params, body }) =>
    json(await requestLabelMove(auth.projectId, { kind: "user", userId: auth.user.id, role: auth.role }, params.promptName, body), 201),
});
