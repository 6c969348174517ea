import { ZCreateDatasetRunItemBody, ZDatasetRunItemsQuery } from "@loupe/contracts";
import { createPublicDatasetRunItem, listPublicDatasetRunItems } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZDatasetRunItemsQuery,
  handler: ({ auth, query }) => listPublicDatasetRunItems(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  body: ZCreateDatasetRunItemBody,
  handler: ({ auth, body }) => createPublicDatasetRunItem(auth.projectId, body),
});

export const OPTIONS = corsPreflight;
