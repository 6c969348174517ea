import { ZUserListQuery } from "@loupe/contracts";
import { listProjectUsers } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  query: ZUserListQuery,
  handler: ({ auth, query }) => listProjectUsers(auth.projectId, query),
});
