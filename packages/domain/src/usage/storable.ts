/**
 * The worker stores token totals in int4 columns and costs in Decimal(20,12). A client can send any JSON
 * number as usage or cost; one outside those ranges made Postgres fail the merge (22003) and, with it,
 * every event of the batch. Such a value is not stored (null) instead; the provided details keep it.
 */
export const MAX_STORED_COUNT = 2_147_483_647;
/** Decimal(20,12) holds 8 integer digits. */
export const MAX_STORED_COST = 99_999_999;

export function storableCount(value: number | null): number | null {
  return value !== null && Number.isFinite(value) && Math.abs(value) <= MAX_STORED_COUNT ? value : null;
}

export function storableCost(value: number | null): number | null {
  return value !== null && Number.isFinite(value) && Math.abs(value) <= MAX_STORED_COST ? value : null;
}
