import { MAX_DATASET_IMPORT_BYTES, ZDatasetImportBody, ZDatasetImportReport } from "@loupe/contracts";
import { importDatasetItems } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: z.object({ projectId: z.string(), datasetId: z.string().min(1) }),
  body: ZDatasetImportBody,
  // The file travels as a JSON string: escaping (quotes, newlines) can double its size.
  maxBodyBytes: 2 * MAX_DATASET_IMPORT_BYTES + 64 * 1024,
  response: ZDatasetImportReport,
  handler: ({ auth, params, body }) => importDatasetItems(auth.projectId, params.datasetId, body),
});
