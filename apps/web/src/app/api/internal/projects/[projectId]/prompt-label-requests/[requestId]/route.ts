import { ZDecideLabelRequestBody, ZLabelRequestParams } from "@loupe/contracts";
import { decideLabelMove } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  params: ZLabelRequestParams,
  body: ZDecideLabelRequestBody,
  handler: ({ auth, params, body }) =>
    decideLabelMove(auth.projectId, { kind: "user", userId: auth.user.id, role: auth.role }, params.requestId, body.decision, auth.audit),
});
