import { ZPromptVersionParams, ZUpdatePromptLabelsBody } from "@loupe/contracts";
import { updatePromptLabels } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const PATCH = defineRoute({
  auth: { kind: "apiKey" },
  params: ZPromptVersionParams,
  body: ZUpdatePromptLabelsBody,
  handler: ({ auth, params, body }) =>
    updatePromptLabels(auth.projectId, { kind: "apiKey" }, params.promptName, params.version, body.newLabels, auth.audit),
});

export const OPTIONS = corsPreflight;
