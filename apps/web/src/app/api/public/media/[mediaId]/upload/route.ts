import { ZMediaSignedQuery } from "@loupe/contracts";
import { uploadMediaContent } from "@loupe/server";
import { z } from "zod";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";
import { mediaSigning } from "@/lib/server/media-signing";

// The SDKs PUT the bytes here without credentials; the signed query is the authorisation.
export const PUT = defineRoute({
  auth: { kind: "none" },
  params: z.object({ mediaId: z.string().min(1).max(100) }),
  query: ZMediaSignedQuery,
  handler: async ({ params, query, req }) => {
    const length = req.headers.get("content-length");
    await uploadMediaContent(
      params.mediaId,
      query,
      {
        contentLength: length ? Number(length) : null,
        checksum: req.headers.get("x-amz-checksum-sha256"),
        read: async () => Buffer.from(await req.arrayBuffer()),
      },
      mediaSigning(req).secret,
    );
    return new Response(null, { status: 200 });
  },
});

export const OPTIONS = corsPreflight;
