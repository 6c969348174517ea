import { ZDeletePromptQuery, ZPromptNameParam } from "@loupe/contracts";
import { deletePrompt, getPromptDetail } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

const params = z.object({ projectId: z.string(), promptName: ZPromptNameParam });

export const GET = defineRoute({
  auth: { kind: "project" },
  params,
  handler: ({ auth, params }) => getPromptDetail(auth.projectId, params.promptName),
});

export const DELETE = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  params,
  query: ZDeletePromptQuery,
  handler: ({ auth, params, query }) =>
    deletePrompt(auth.projectId, { kind: "user", userId: auth.user.id, role: auth.role }, params.promptName, query, auth.audit),
});
