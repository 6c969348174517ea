import { ZPromptVersionParams } from "@loupe/contracts";
import { getPromptVersionGenerations } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  params: ZPromptVersionParams.extend({ projectId: z.string() }),
  handler: ({ auth, params }) => getPromptVersionGenerations(auth.projectId, params.promptName, params.version),
});
