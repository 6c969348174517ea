import { getApiKeyProjects } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  handler: ({ auth }) => getApiKeyProjects(auth.projectId),
});

export const OPTIONS = corsPreflight;
