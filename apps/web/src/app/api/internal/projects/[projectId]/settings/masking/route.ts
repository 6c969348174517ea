import { ZMaskingSettings } from "@loupe/contracts";
import { getMaskingSettings, updateMaskingSettings } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  handler: ({ auth }) => getMaskingSettings(auth.projectId),
});

export const PUT = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  body: ZMaskingSettings,
  handler: ({ auth, body }) => updateMaskingSettings(auth.projectId, body, auth.audit),
});
