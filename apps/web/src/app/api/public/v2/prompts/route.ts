import { ZCreatePromptBody, ZListPromptsQuery, ZPrompt, ZPromptMetaListResponse } from "@loupe/contracts";
import { createPromptVersion, listPrompts } from "@loupe/server";
import { corsPreflight, json, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZPromptMetaListResponse,
  query: ZListPromptsQuery,
  handler: ({ auth, query }) => listPrompts(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  response: ZPrompt,
  body: ZCreatePromptBody,
  handler: async ({ auth, body }) => json(await createPromptVersion(auth.projectId, { kind: "apiKey" }, body, auth.audit), 201),
});

export const OPTIONS = corsPreflight;
