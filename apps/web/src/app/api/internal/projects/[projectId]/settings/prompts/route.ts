import { ZPromptSettings } from "@loupe/contracts";
import { getProtectedLabels, updateProtectedLabels } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  handler: async ({ auth }) => ({ protectedLabels: await getProtectedLabels(auth.projectId) }),
});

export const PUT = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  body: ZPromptSettings,
  handler: ({ auth, body }) =>
    updateProtectedLabels(auth.projectId, { kind: "user", userId: auth.user.id, role: auth.role }, body.protectedLabels, auth.audit),
});
