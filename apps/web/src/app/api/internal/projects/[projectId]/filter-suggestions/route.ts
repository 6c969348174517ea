import { ZFilterSuggestionsQuery, ZFilterSuggestionsResponse } from "@loupe/contracts";
import { suggestProjectFilterValues } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  query: ZFilterSuggestionsQuery,
  response: ZFilterSuggestionsResponse,
  handler: ({ auth, query }) => suggestProjectFilterValues(auth.projectId, query),
});
