import { ZMetricViewsResponse } from "@loupe/contracts";
import { describeMetricViews } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  response: ZMetricViewsResponse,
  handler: async () => describeMetricViews(),
});
