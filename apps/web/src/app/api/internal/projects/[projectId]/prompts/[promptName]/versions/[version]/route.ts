import { ZPromptVersionParams, ZUpdatePromptLabelsBody } from "@loupe/contracts";
import { updatePromptLabels } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

// A MEMBER moving a protected label gets 403 from the service; it requests the move instead.
export const PATCH = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: ZPromptVersionParams.extend({ projectId: z.string() }),
  body: ZUpdatePromptLabelsBody,
  handler: ({ auth, params, body }) =>
    updatePromptLabels(
      auth.projectId,
      { kind: "user", userId: auth.user.id, role: auth.role },
      params.promptName,
      params.version,
      body.newLabels,
      auth.audit,
    ),
});
