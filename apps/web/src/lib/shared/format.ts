// Display formats shared by every view (see shared/ui.md: durations humanised, costs with sensible
// precision, tokens grouped). Costs and instants come from @loupe/domain/format, the one formatter the
// server and every view share.
import { formatTimestamp } from "@loupe/domain/format";

export { formatCost, formatTimestamp, formatUtc } from "@loupe/domain/format";

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "–";
  if (ms < 1) return "<1 ms";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (minutes < 60) return `${minutes} m ${seconds} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} m`;
}

const tokenFormat = new Intl.NumberFormat("en-US");
export function formatTokens(n: number | null | undefined): string {
  if (n === null || n === undefined) return "–";
  return tokenFormat.format(n);
}

export function formatRelative(iso: string, now = Date.now()): string {
  const diff = Math.round((now - new Date(iso).getTime()) / 1000);
  if (diff < 5) return "just now";
  if (diff < 60) return `${diff}s ago`;
  if (diff < 3600) return `${Math.floor(diff / 60)}m ago`;
  if (diff < 86_400) return `${Math.floor(diff / 3600)}h ago`;
  if (diff < 30 * 86_400) return `${Math.floor(diff / 86_400)}d ago`;
  return formatTimestamp(iso);
}

export function durationBetween(start: string, end: string | null): number | null {
  return end ? new Date(end).getTime() - new Date(start).getTime() : null;
}

/** "1 session", "12,345 sessions". */
/** "1 trace", "12,345 traces"; `atLeast` for a count that stopped at a cap: "10,000+ traces". */
export function formatCount(n: number, singular: string, options: { plural?: string; atLeast?: boolean } = {}): string {
  const { plural = `${singular}s`, atLeast = false } = options;
  return `${formatTokens(n)}${atLeast ? "+" : ""} ${n === 1 && !atLeast ? singular : plural}`;
}
