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

/** What the ingestion service did with one event of a batch. */
export type TEventOutcome =
  | { id: string; outcome: "stored" }
  | { id: string; outcome: "invalid"; message: string; details: unknown }
  /** The key may not write this kind of event (a public-key-only key sends anything but scores). */
  | { id: string; outcome: "forbidden" }
  /** `sdk-log`: logged, not stored, and listed neither as a success nor as an error (as Langfuse does). */
  | { id: string; outcome: "logged" };

/** The 207 body of POST /api/public/ingestion for these outcomes (shared/langfuse-api.md §3.2). */
export function ingestionResponseBody(outcomes: TEventOutcome[]): TIngestionResponse {
  const body: TIngestionResponse = { successes: [], errors: [] };
  for (const o of outcomes) {
    if (o.outcome === "stored") body.successes.push({ id: o.id, status: 201 });
    else if (o.outcome === "invalid") body.errors.push({ id: o.id, status: 400, message: o.message, error: o.details });
    else if (o.outcome === "forbidden")
      body.errors.push({ id: o.id, status: 401, message: "Authentication error", error: "Access Scope Denied" });
  }
  return body;
}
