import { z } from "zod";

export const ZIngestionSuccess = z.object({ id: z.string(), status: z.number().int() });
export const ZIngestionError = z.object({
  id: z.string(),
  status: z.number().int(),
  message: z.string().optional(),
  error: z.unknown().optional(),
});
export const ZIngestionResponse = z.object({
  successes: z.array(ZIngestionSuccess),
  errors: z.array(ZIngestionError),
});
export type TIngestionResponse = z.infer<typeof ZIngestionResponse>;
export type TIngestionError = z.infer<typeof ZIngestionError>;
