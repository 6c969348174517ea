import { ZMappingPreviewBody } from "@loupe/contracts";
import { previewMapping } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

/** The rule editor's live preview on the newest matching trace; reads only, but carries a body. */
export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  body: ZMappingPreviewBody,
  handler: ({ auth, body }) => previewMapping(auth.projectId, body),
});
