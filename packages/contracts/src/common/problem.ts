import { z } from "zod";

/** RFC 9457 problem+json, used by the internal API. The public API keeps Langfuse's error shapes. */
export const ZProblem = z.object({
  type: z.string().default("about:blank"),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  invalid_params: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
});
export type TProblem = z.infer<typeof ZProblem>;
