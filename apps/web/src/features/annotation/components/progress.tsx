/** "12 of 50" with a thin bar: how much of a queue is done. */
export function Progress({ done, total, label }: { done: number; total: number; label?: string }) {
  const pct = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className="flex min-w-[120px] items-center gap-2" data-testid="queue-progress">
      <div className="h-1.5 w-20 overflow-hidden rounded-full bg-muted" aria-hidden>
        <div className="h-full bg-accent" style={{ width: `${pct}%` }} />
      </div>
      <span className="text-xs tabular text-muted-foreground">{label ?? `${done} of ${total}`}</span>
    </div>
  );
}
