import { ZUnstableDeleteResponse, ZUnstableEvaluator } from "@loupe/contracts";
import { deleteUnstableEvaluator, getUnstableEvaluator } from "@loupe/server";
import { z } from "zod";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

const ZParams = z.object({ evaluatorId: z.string().min(1).max(200) });

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params: ZParams,
  response: ZUnstableEvaluator,
  handler: ({ auth, params }) => getUnstableEvaluator(auth.projectId, params.evaluatorId),
});

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  params: ZParams,
  response: ZUnstableDeleteResponse,
  handler: ({ auth, params }) => deleteUnstableEvaluator(auth.projectId, params.evaluatorId, auth.audit),
});

export const OPTIONS = corsPreflight;
