// One of the web process's ingestion threads (Piscina): the CPU-heavy part of POST /api/public/ingestion —
// parse, check each event, sanitise, mask, serialise — off the event loop that answers every other request.
// Pure computation: the main thread authenticates, reads the body and stores the result.
import type { TEventOutcome } from "@loupe/contracts";
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
  bytes: Uint8Array;
  scoresOnly: boolean;
  masking: { enabled: boolean; rules: CustomMaskingRule[] };
};

export type IngestionThreadOutput =
  | { kind: "refused"; status: 400 | 413; message: string }
  | { kind: "notBatch"; issues: z.core.$ZodIssue[] }
  | { kind: "batch"; outcomes: TEventOutcome[]; eventsJson: Uint8Array; eventCount: number; overBudget: string[] };

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

export default function prepareIngestionBatch(input: IngestionThreadInput): IngestionThreadOutput {
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
  // UTF-8 bytes, not a string: they reach the main thread outside its JavaScript heap, so ~50 batches/s of
  // ~150 KB do not fill its young generation (its scavenges pause the prompt fetches it answers).
  const eventsJson = Buffer.from(JSON.stringify(events));
  return { kind: "batch", outcomes: validated.outcomes, eventsJson, eventCount: events.length, overBudget };
}
