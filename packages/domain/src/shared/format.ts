// Display formats for numbers and instants, shared by the web UI (every table, trace and chart) and any
// server text a person reads, so a cost reads the same everywhere. Browser-safe, no I/O.

/** Below this a cost shows as "<$0.00000001": two significant digits further down read as noise. */
const SMALLEST_COST = 1e-8;

/**
 * A cost in USD for people: "$0.00000056", "$0.00042", "$0.1234", "$1.23", "$12.4k", "$3.1M".
 * Never exponent notation (`toFixed` does not use it below 1e21, `toPrecision` and `String` do).
 */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return "–";
  if (usd === 0) return "$0";
  const sign = usd < 0 ? "-" : "";
  const abs = Math.abs(usd);
  if (abs < SMALLEST_COST) return `${sign}<$${SMALLEST_COST.toFixed(8)}`;
  if (abs < 0.01) {
    // Two significant digits: 5.6e-7 has its first digit at the 7th decimal.
    const decimals = -Math.floor(Math.log10(abs)) + 1;
    return `${sign}$${trimZeros(abs.toFixed(decimals), 0)}`;
  }
  if (abs < 1) return `${sign}$${trimZeros(abs.toFixed(4), 2)}`;
  if (abs < 1000) return `${sign}$${abs.toFixed(2)}`;
  if (abs < 1_000_000) return `${sign}$${(abs / 1000).toFixed(1)}k`;
  return `${sign}$${(abs / 1_000_000).toFixed(1)}M`;
}

/** "0.12340" → "0.1234", keeping at least `min` decimals ("0.50"). */
function trimZeros(fixed: string, min: number): string {
  const [whole, frac = ""] = fixed.split(".");
  let end = frac.length;
  while (end > min && frac[end - 1] === "0") end--;
  return end > 0 ? `${whole}.${frac.slice(0, end)}` : (whole as string);
}

const localFormat = (timeZone?: string) =>
  new Intl.DateTimeFormat("en-GB", {
    year: "numeric",
    month: "short",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "short",
    ...(timeZone ? { timeZone } : {}),
  });

/** "01 Dec 2026, 13:05:03 CET": the viewer's time with its zone named (`timeZone` for tests). */
export function formatTimestamp(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : localFormat(timeZone).format(d);
}

/** "2026-12-01 12:05:03.123 UTC": the unambiguous form, for tooltips and copying into logs. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().replace("T", " ").replace("Z", "")} UTC`;
}
