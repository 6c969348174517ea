import { ZCreateAnnotationScoreBody } from "@loupe/contracts";
import { addAnnotationScore } from "@loupe/server";
import { z } from "zod";
import { defineRoute, json } from "@/lib/server/define-route";

export const POST = defineRoute({
  auth: { kind: "project", can: "annotate" },
  params: z.object({ projectId: z.string() }),
  body: ZCreateAnnotationScoreBody,
  handler: async ({ auth, body }) => json(await addAnnotationScore({ userId: auth.user.id, projectId: auth.projectId }, body), 201),
});
