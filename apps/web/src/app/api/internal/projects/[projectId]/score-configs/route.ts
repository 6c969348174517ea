import { ZCreateScoreConfigBody, ZScoreConfigListQuery } from "@loupe/contracts";
import { createProjectScoreConfig, listAnnotationScoreConfigs } from "@loupe/server";
import { z } from "zod";
import { defineRoute, json } from "@/lib/server/define-route";

const params = z.object({ projectId: z.string() });

/** Active configs for the annotation forms; `?archived=include` for the score-configs page. */
export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  params,
  query: ZScoreConfigListQuery,
  handler: ({ auth, query }) => listAnnotationScoreConfigs(auth.projectId, query.archived === "include"),
});

export const POST = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params,
  body: ZCreateScoreConfigBody,
  handler: async ({ auth, body }) => json(await createProjectScoreConfig(auth.projectId, auth.role, body), 201),
});
