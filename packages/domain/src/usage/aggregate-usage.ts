import { usageKeyKind } from "./canonical-usage.ts";

type UsageLike = Readonly<Record<string, number>> | null | undefined;

function sumByKind(usage: UsageLike, kind: "input" | "output"): number {
  if (!usage) return 0;
  let sum = 0;
  for (const [key, value] of Object.entries(usage)) {
    if (typeof value === "number" && Number.isFinite(value) && usageKeyKind(key) === kind) sum += value;
  }
  return sum;
}

/** All input-ish units (uncached + cache reads + cache writes + audio/image/video input…), for display. */
export function inputUsage(usage: UsageLike): number {
  return sumByKind(usage, "input");
}

/** All output-ish units (visible output + reasoning + audio/image output…), for display. */
export function outputUsage(usage: UsageLike): number {
  return sumByKind(usage, "output");
}

/** The `total` key when present, else input + output. */
export function totalUsage(usage: UsageLike): number {
  const total = usage?.total;
  if (typeof total === "number" && Number.isFinite(total)) return total;
  return inputUsage(usage) + outputUsage(usage);
}
