import { checkDatabase } from "@loupe/server";
import { z } from "zod";
import { defineRoute, json } from "@/lib/server/define-route";
import { LOUPE_VERSION } from "@/lib/server/version";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  auth: { kind: "none" },
  query: z.object({ failIfDatabaseUnavailable: z.enum(["true", "false"]).optional() }),
  handler: async ({ query }) => {
    if (query.failIfDatabaseUnavailable === "true" && !(await checkDatabase())) {
      return json({ status: "Database not available", version: LOUPE_VERSION }, 503);
    }
    return { status: "OK", version: LOUPE_VERSION };
  },
});
