import { ZUserDetailQuery } from "@loupe/contracts";
import { getUserDetail } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  params: z.object({ projectId: z.string(), userId: z.string().min(1) }),
  query: ZUserDetailQuery,
  handler: ({ auth, params, query }) => getUserDetail(auth.projectId, params.userId, query),
});
