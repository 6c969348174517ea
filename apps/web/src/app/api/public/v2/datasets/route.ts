import { ZCreateDatasetBody, ZDatasetsQuery } from "@loupe/contracts";
import { listPublicDatasets, upsertPublicDataset } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZDatasetsQuery,
  handler: ({ auth, query }) => listPublicDatasets(auth.projectId, query),
});

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  body: ZCreateDatasetBody,
  handler: ({ auth, body }) => upsertPublicDataset(auth.projectId, body),
});

export const OPTIONS = corsPreflight;
