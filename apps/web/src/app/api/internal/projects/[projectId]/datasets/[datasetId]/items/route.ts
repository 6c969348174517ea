import { ZAddDatasetItemBody, ZAddedDatasetItem, ZDatasetItemPageResponse, ZPageQuery } from "@loupe/contracts";
import { addDatasetItem, listProjectDatasetItems } from "@loupe/server";
import { z } from "zod";
import { defineRoute, json } from "@/lib/server/define-route";

const params = z.object({ projectId: z.string(), datasetId: z.string().min(1) });

export const GET = defineRoute({
  auth: { kind: "project" },
  params,
  query: ZPageQuery,
  response: ZDatasetItemPageResponse,
  handler: ({ auth, params, query }) => listProjectDatasetItems(auth.projectId, params.datasetId, query),
});

export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params,
  body: ZAddDatasetItemBody,
  response: ZAddedDatasetItem,
  handler: async ({ auth, params, body }) => json(await addDatasetItem(auth.projectId, params.datasetId, body), 201),
});
