// One of the web process's ingestion threads (Piscina): the heavy part of POST /api/public/ingestion —
// parse, check each event, sanitise, mask, serialise, and the durable INSERT of the ~150 KB batch — off the
// event loop that answers every other request. The main thread authenticates, reads the body, enqueues the
// stored batch and answers: the payload never crosses back to it (its copies were that loop's garbage).
import type { TEventOutcome } from "@loupe/contracts";
import { insertSerializedIngestionBatch } from "@loupe/db";
import {
  type CompiledMaskingRule,
  type CustomMaskingRule,
  compileMaskingRules,
  maskEventBody,
  sanitizeJson,
  validateIngestionBatch,
} from "@loupe/domain";
import type { z } from "zod";
import { BodyRefused, parseJsonBody } from "./read-body";

export type IngestionThreadInput = {
  projectId: string;
  bytes: Uint8Array;
  scoresOnly: boolean;
  masking: { enabled: boolean; rules: CustomMaskingRule[] };
};

export type IngestionThreadOutput =
  | { kind: "refused"; status: 400 | 413; message: string }
  | { kind: "notBatch"; issues: z.core.$ZodIssue[] }
  /** `batchId` null when no event was accepted (nothing stored). */
  | { kind: "batch"; outcomes: TEventOutcome[]; batchId: string | null; overBudget: string[] };

// Compiled rules per rule set (tenants' RE2 patterns), bounded: a thread serves every project.
const compiled = new Map<string, CompiledMaskingRule[]>();
const COMPILED_MAX = 500;

function compiledRules(rules: CustomMaskingRule[]): CompiledMaskingRule[] {
  const key = JSON.stringify(rules);
  let hit = compiled.get(key);
  if (!hit) {
    hit = compileMaskingRules(rules).rules;
    if (compiled.size >= COMPILED_MAX) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, hit);
  }
  return hit;
}

export default async function storeIngestionBatch(input: IngestionThreadInput): Promise<IngestionThreadOutput> {
  let payload: unknown;
  try {
    payload = parseJsonBody(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength));
  } catch (error) {
    if (error instanceof BodyRefused) return { kind: "refused", status: error.status, message: error.message };
    throw error;
  }
  const validated = validateIngestionBatch(payload, input.scoresOnly);
  if (!validated.ok) return { kind: "notBatch", issues: validated.issues };
  const rules = input.masking.enabled ? compiledRules(input.masking.rules) : null;
  const overBudget: string[] = [];
  const events = validated.accepted.map((event) => {
    const clean = sanitizeJson(event);
    if (!rules) return clean;
    const { body, budgetExceeded } = maskEventBody(clean.body, rules);
    if (budgetExceeded) overBudget.push(event.id);
    return { ...clean, body };
  });
  const batchId =
    events.length === 0
      ? null
      : await insertSerializedIngestionBatch({
          projectId: input.projectId,
          source: "ingestion",
          eventsJson: JSON.stringify(events),
          eventCount: events.length,
        });
  return { kind: "batch", outcomes: validated.outcomes, batchId, overBudget };
}
