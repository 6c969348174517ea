import { ZCreateDatasetBody } from "@loupe/contracts";
import { createLegacyDataset } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

// The legacy langfuse v3 SDK's createDataset posts here (v1); everything else it reads from v2.
export const POST = defineRoute({
  auth: { kind: "apiKey" },
  body: ZCreateDatasetBody,
  handler: ({ auth, body }) => createLegacyDataset(auth.projectId, body),
});

export const OPTIONS = corsPreflight;
