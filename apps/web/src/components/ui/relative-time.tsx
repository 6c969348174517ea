import { formatRelative, formatTimestamp, formatUtc } from "@/lib/shared/format";

// Times are rendered in the viewer's zone, which the server does not know: the text may differ between
// the server's HTML and the browser, so the <time> element tolerates that one mismatch (no #418).

const tooltip = (iso: string) => `${formatTimestamp(iso)}\n${formatUtc(iso)}`;

/** "3m ago", with the local time (zone named) and UTC as the tooltip. */
export function RelativeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={tooltip(iso)} className="whitespace-nowrap text-xs tabular" suppressHydrationWarning>
      {formatRelative(iso)}
    </time>
  );
}

/** "01 Dec 2026, 13:05:03 CET", with UTC as the tooltip. */
export function Timestamp({ iso, className }: { iso: string; className?: string }) {
  return (
    <time dateTime={iso} title={formatUtc(iso)} className={className} suppressHydrationWarning>
      {formatTimestamp(iso)}
    </time>
  );
}
