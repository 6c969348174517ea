import { ZPlaygroundRunBody } from "@loupe/contracts";
import { startPlaygroundRun } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";
import { ndjsonStream } from "@/lib/server/ndjson";

/** Streams the run as newline-delimited JSON events (text, tool-call, then done or error). */
export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  body: ZPlaygroundRunBody,
  maxBodyBytes: 2_000_000,
  handler: async ({ auth, body, req }) => ndjsonStream(await startPlaygroundRun(auth.projectId, body, req.signal)),
});
