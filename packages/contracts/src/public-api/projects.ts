import { z } from "zod";

// GET /api/public/projects (langfuse-api.md §10): exactly the API key's project.

export const ZPublicProject = z.object({
  id: z.string(),
  name: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
  metadata: z.record(z.string(), z.unknown()),
  /** Omitted when no retention is configured (the official client types it `retentionDays?: number`). */
  retentionDays: z.number().int().optional(),
});
export type TPublicProject = z.infer<typeof ZPublicProject>;

export const ZProjectsResponse = z.object({ data: z.array(ZPublicProject) });
export type TProjectsResponse = z.infer<typeof ZProjectsResponse>;
