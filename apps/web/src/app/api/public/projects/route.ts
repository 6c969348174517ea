import { ZProjectsResponse } from "@loupe/contracts";
import { getApiKeyProjects } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZProjectsResponse,
  handler: ({ auth }) => getApiKeyProjects(auth.projectId),
});

export const OPTIONS = corsPreflight;
