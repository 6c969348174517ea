import { formatRelative, formatTimestamp } from "@/lib/shared/format";

/** "3m ago", with the absolute local time as the tooltip. */
export function RelativeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatTimestamp(iso)} className="whitespace-nowrap text-xs tabular">
      {formatRelative(iso)}
    </time>
  );
}
