import { ZAdminCreateApiKeyBody, ZApiKeyList, ZApiKeyResponse } from "@loupe/contracts";
import { adminCreateProjectApiKey, adminListProjectApiKeys } from "@loupe/server";
import { z } from "zod";
import { corsPreflight, defineRoute, json } from "@/lib/server/define-route";

const params = z.object({ projectId: z.string().min(1) });

export const GET = defineRoute({
  auth: { kind: "organizationKey" },
  params,
  response: ZApiKeyList,
  handler: ({ auth, params }) => adminListProjectApiKeys(auth.organizationId, params.projectId),
});

export const POST = defineRoute({
  auth: { kind: "organizationKey" },
  params,
  body: ZAdminCreateApiKeyBody,
  response: ZApiKeyResponse,
  handler: async ({ auth, params, body }) =>
    json(await adminCreateProjectApiKey(auth.organizationId, params.projectId, body, auth.audit), 201),
});

export const OPTIONS = corsPreflight;
