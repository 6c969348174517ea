import { type EvalTarget, ZObservationListQuery, ZTraceListQuery } from "@loupe/contracts";
import { badRequest } from "../errors.ts";

const TABLE_ONLY_KEYS = ["page", "limit", "sort", "order", "range", "from", "to"];

/** The stored filter keys, checked by the table's own schema; a bad one is a 400 naming the key. */
export function parseRuleFilter(target: EvalTarget, filter: Record<string, string>, observationType?: string | null) {
  const present = Object.fromEntries(Object.entries(filter).filter(([k, v]) => v !== "" && !TABLE_ONLY_KEYS.includes(k)));
  if (target === "observation") present.type = observationType ?? present.type ?? "ALL";
  const schema = target === "trace" ? ZTraceListQuery : ZObservationListQuery;
  const known = new Set(Object.keys(schema.shape));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(`filter.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid filter"}`);
  }
  const unknown = Object.keys(present).filter((k) => !known.has(k));
  if (unknown.length > 0) throw badRequest(`filter.${unknown[0]}: not a filter of the ${target}s table`);
  return { stored: present, parsed: parsed.data as Record<string, unknown> };
}
