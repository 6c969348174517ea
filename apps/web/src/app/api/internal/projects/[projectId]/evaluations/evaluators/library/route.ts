import { listEvaluatorLibrary } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  handler: () => listEvaluatorLibrary(),
});
