import { ZCreateScoreBody } from "@loupe/contracts";
import { createPublicScore } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/define-route";

export const POST = defineRoute({
  auth: { kind: "apiKey", scopes: ["project", "scores"] },
  body: ZCreateScoreBody,
  handler: ({ auth, body, requestId }) => createPublicScore({ projectId: auth.projectId, scope: auth.scope, requestId }, body),
});

export const OPTIONS = corsPreflight;
