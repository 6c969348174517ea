import { ZDeletePromptQuery, ZGetPromptQuery, ZPromptParams } from "@loupe/contracts";
import { deletePrompt, getPromptJson } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params: ZPromptParams,
  query: ZGetPromptQuery,
  handler: async ({ auth, params, query }) =>
    new Response(await getPromptJson(auth.projectId, params.promptName, query), { headers: { "content-type": "application/json" } }),
});

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  params: ZPromptParams,
  query: ZDeletePromptQuery,
  handler: ({ auth, params, query }) => deletePrompt(auth.projectId, { kind: "apiKey" }, params.promptName, query, auth.audit),
});

export const OPTIONS = corsPreflight;
