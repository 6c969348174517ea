import { ZDatasetItemDetail, ZEditDatasetItemBody } from "@loupe/contracts";
import { editDatasetItem, getDatasetItemDetail } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

const params = z.object({ projectId: z.string(), datasetId: z.string().min(1).max(200), itemId: z.string().min(1).max(255) });

export const GET = defineRoute({
  auth: { kind: "project" },
  params,
  response: ZDatasetItemDetail,
  handler: ({ auth, params }) => getDatasetItemDetail(auth.projectId, params.datasetId, params.itemId),
});

export const PATCH = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params,
  body: ZEditDatasetItemBody,
  response: ZDatasetItemDetail,
  handler: ({ auth, params, body }) => editDatasetItem(auth.projectId, params.datasetId, params.itemId, body),
});
