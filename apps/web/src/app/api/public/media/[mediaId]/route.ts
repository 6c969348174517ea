import { ZMediaInfo, ZMediaUploadResult } from "@loupe/contracts";
import { getMediaInfo, recordMediaUploadResult } from "@loupe/server";
import { z } from "zod";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";
import { mediaSigning } from "@/lib/server/media-signing";

const params = z.object({ mediaId: z.string().min(1).max(100) });

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZMediaInfo,
  params,
  handler: ({ auth, params, req }) => getMediaInfo(auth.projectId, params.mediaId, mediaSigning(req)),
});

export const PATCH = defineRoute({
  auth: { kind: "apiKey" },
  params,
  body: ZMediaUploadResult,
  handler: async ({ auth, params, body }) => {
    await recordMediaUploadResult(auth.projectId, params.mediaId, body);
    return new Response(null, { status: 204 });
  },
});

export const OPTIONS = corsPreflight;
