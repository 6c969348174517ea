import { ZApiKeyDeletionResponse } from "@loupe/contracts";
import { adminDeleteProjectApiKey } from "@loupe/server";
import { z } from "zod";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const DELETE = defineRoute({
  auth: { kind: "organizationKey" },
  params: z.object({ projectId: z.string().min(1), apiKeyId: z.string().min(1) }),
  response: ZApiKeyDeletionResponse,
  handler: ({ auth, params }) => adminDeleteProjectApiKey(auth.organizationId, params.projectId, params.apiKeyId, auth.audit),
});

export const OPTIONS = corsPreflight;
