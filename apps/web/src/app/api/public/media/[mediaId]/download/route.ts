import { ZMediaSignedQuery } from "@loupe/contracts";
import { readMediaForDownload } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";
import { mediaSigning } from "@/lib/server/media-signing";

export const GET = defineRoute({
  auth: { kind: "none" },
  params: z.object({ mediaId: z.string().min(1).max(100) }),
  query: ZMediaSignedQuery,
  handler: async ({ params, query, req }) => {
    const media = await readMediaForDownload(params.mediaId, query, mediaSigning(req));
    // S3 store: a fresh presigned URL on the bucket's own origin.
    if ("redirect" in media) return new Response(null, { status: 302, headers: { location: media.redirect, "cache-control": "no-store" } });
    return new Response(new Uint8Array(media.bytes), {
      headers: {
        "content-type": media.contentType,
        "cache-control": "private, max-age=3600",
        // User uploads may be HTML or SVG: never let them run script on Loupe's origin.
        "content-security-policy": "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'",
        "x-content-type-options": "nosniff",
      },
    });
  },
});
