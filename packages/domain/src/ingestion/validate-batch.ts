import { INGESTION_EVENT_TYPES, type TAcceptedEvent, type TEventOutcome, ZIngestionEnvelope, parseIngestionEvent } from "@loupe/contracts";
import type { z } from "zod";

/** A batch body refused whole (not a batch envelope), or one outcome per event and the events to store. */
export type ValidatedBatch =
  | { ok: false; issues: z.core.$ZodIssue[] }
  | { ok: true; outcomes: TEventOutcome[]; accepted: TAcceptedEvent[] };

/**
 * The checks of POST /api/public/ingestion, without I/O (the web process runs them on its ingestion threads):
 * each event on its own; with a score-only key (`scoresOnly`) only scores and SDK logs are allowed; SDK
 * logs are answered and not stored.
 */
export function validateIngestionBatch(payload: unknown, scoresOnly: boolean): ValidatedBatch {
  const envelope = ZIngestionEnvelope.safeParse(payload);
  if (!envelope.success) return { ok: false, issues: envelope.error.issues };
  const accepted: TAcceptedEvent[] = [];
  const outcomes: TEventOutcome[] = [];
  for (const raw of envelope.data.batch) {
    const parsed = parseIngestionEvent(raw);
    if (!parsed.ok) {
      outcomes.push({ id: parsed.id, outcome: "invalid", message: parsed.message, details: parsed.details });
      continue;
    }
    const { event } = parsed;
    const kind = INGESTION_EVENT_TYPES[event.type].kind;
    if (scoresOnly && kind !== "score" && kind !== "log") outcomes.push({ id: event.id, outcome: "forbidden" });
    else if (kind === "log") outcomes.push({ id: event.id, outcome: "logged" });
    else {
      accepted.push(event);
      outcomes.push({ id: event.id, outcome: "stored" });
    }
  }
  return { ok: true, outcomes, accepted };
}
