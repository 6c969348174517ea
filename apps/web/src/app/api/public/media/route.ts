import { ZMediaUploadRequest, ZMediaUploadResponse } from "@loupe/contracts";
import { requestMediaUpload } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";
import { mediaSigning } from "@/lib/server/media-signing";

export const POST = defineRoute({
  auth: { kind: "apiKey" },
  response: ZMediaUploadResponse,
  body: ZMediaUploadRequest,
  handler: ({ auth, body, req }) => requestMediaUpload(auth.projectId, body, mediaSigning(req)),
});

export const OPTIONS = corsPreflight;
