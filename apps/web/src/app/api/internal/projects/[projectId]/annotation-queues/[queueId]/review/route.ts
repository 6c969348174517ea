import { ZReviewQuery } from "@loupe/contracts";
import { getReviewItem } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

/** The annotate view's item; `{ item: null }` when the queue has nothing pending. */
export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  params: z.object({ projectId: z.string(), queueId: z.string().min(1).max(200) }),
  query: ZReviewQuery,
  handler: async ({ auth, params, query }) => ({
    review: await getReviewItem({ userId: auth.user.id, projectId: auth.projectId, role: auth.role }, params.queueId, query.itemId),
  }),
});
