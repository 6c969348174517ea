import { ZCreateDatasetItemBody, ZDatasetItemsQuery } from "@loupe/contracts";
import { listPublicDatasetItems, upsertPublicDatasetItem } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZDatasetItemsQuery,
  handler: ({ auth, query }) => listPublicDatasetItems(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  body: ZCreateDatasetItemBody,
  // Langfuse accepts item payloads up to 4.5 MB.
  maxBodyBytes: 4_500_000,
  handler: ({ auth, body }) => upsertPublicDatasetItem(auth.projectId, body),
});

export const OPTIONS = corsPreflight;
