import { ZLlmConnectionParams } from "@loupe/contracts";
import { deleteLlmConnection } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  params: ZLlmConnectionParams,
  handler: ({ auth, params }) => deleteLlmConnection(auth.projectId, params.id, auth.audit),
});

export const OPTIONS = corsPreflight;
