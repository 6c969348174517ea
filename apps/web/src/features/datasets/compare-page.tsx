"use client";

import type { TComparedItem, TComparedResult, TComparedUnfinished, TDatasetCompareResponse } from "@loupe/contracts";
import { diffWords } from "diff";
import { ExternalLink } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { BackLink, DetailError } from "@/components/ui/detail-states";
import { Skeleton } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import { EmptyState } from "@/components/ui/states";
import { Select } from "@/components/ui/textarea";
import { cn } from "@/lib/shared/cn";
import { formatCost, formatDuration } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";
import { useDatasetCompare } from "./hooks/use-datasets";

type Sort = { kind: "order" } | { kind: "score"; runId: string; name: string; desc: boolean } | { kind: "latency"; runId: string };
type Show = "all" | "differ" | "missing";

const scoreOf = (r: TComparedResult | null | undefined, name: string) => r?.scores.findLast((s) => s.name === name)?.value ?? null;
const formatScore = (v: number | null) => (v === null ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(2));

function sortItems(items: TComparedItem[], sort: Sort): TComparedItem[] {
  if (sort.kind === "order") return items;
  const key = (i: TComparedItem) =>
    sort.kind === "score" ? scoreOf(i.results[sort.runId], sort.name) : (i.results[sort.runId]?.latencyMs ?? null);
  const dir = sort.kind === "score" && sort.desc ? -1 : 1;
  // Items without a value go last whichever way the sort runs.
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === kb ? 0 : ka === null ? 1 : -1;
    return (ka - kb) * dir;
  });
}

function visibleItems(view: TDatasetCompareResponse, show: Show): TComparedItem[] {
  const runIds = view.runs.map((r) => r.id);
  if (show === "missing") return view.items.filter((i) => runIds.some((id) => !i.results[id]));
  if (show === "differ")
    return view.items.filter((i) => view.scoreNames.some((n) => new Set(runIds.map((id) => scoreOf(i.results[id], n))).size > 1));
  return view.items;
}

/** Runs of a dataset side by side: aggregates per run, then per item each run's output, scores, latency and cost. */
export function ComparePage({ projectId, datasetId, runIds }: { projectId: string; datasetId: string; runIds: string[] }) {
  const compare = useDatasetCompare(projectId, datasetId, runIds);
  const [sort, setSort] = useState<Sort>({ kind: "order" });
  const [show, setShow] = useState<Show>("all");
  const [diff, setDiff] = useState(false);
  const routes = projectRoutes(projectId);
  const view = compare.data;
  const items = useMemo(() => (view ? sortItems(visibleItems(view, show), sort) : []), [view, show, sort]);
  const back = <BackLink href={routes.dataset(datasetId)}>Dataset</BackLink>;
  if (runIds.length === 0)
    return (
      <div className="p-5">
        {back}
        <EmptyState title="No runs chosen">Tick the runs to compare on the dataset page, then choose Compare.</EmptyState>
      </div>
    );
  if (compare.isError)
    return (
      <DetailError
        back={back}
        what="Comparison"
        error={compare.error}
        missingHint="This project has no dataset with this id."
        onRetry={() => compare.refetch()}
      />
    );

  const sortOptions = view
    ? [
        { value: "order", label: "Dataset order", sort: { kind: "order" } as Sort },
        ...view.runs.flatMap((r) => [
          ...view.scoreNames.flatMap((name) => [
            {
              value: `score:${r.id}:${name}:asc`,
              label: `${name} in ${r.name}, lowest first`,
              sort: { kind: "score", runId: r.id, name, desc: false } as Sort,
            },
            {
              value: `score:${r.id}:${name}:desc`,
              label: `${name} in ${r.name}, highest first`,
              sort: { kind: "score", runId: r.id, name, desc: true } as Sort,
            },
          ]),
          { value: `latency:${r.id}`, label: `Latency in ${r.name}, fastest first`, sort: { kind: "latency", runId: r.id } as Sort },
        ]),
      ]
    : [];
  const sortValue =
    sort.kind === "order"
      ? "order"
      : sort.kind === "latency"
        ? `latency:${sort.runId}`
        : `score:${sort.runId}:${sort.name}:${sort.desc ? "desc" : "asc"}`;

  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b px-5 py-3">
        {back}
        <h1 className="mt-1 text-base font-semibold">Compare runs</h1>
        {view ? (
          <div className="mt-3 grid gap-3" style={{ gridTemplateColumns: `repeat(auto-fill, minmax(240px, 1fr))` }}>
            {view.runs.map((r) => (
              <section key={r.id} className="rounded-lg border p-3" aria-label={`Run ${r.name}`} data-testid="compared-run">
                <h2 className="truncate text-sm font-semibold" title={r.name}>
                  {r.name}
                </h2>
                <dl className="mt-1 grid grid-cols-3 gap-2 text-xs">
                  <Stat label="Items">{r.itemCount}</Stat>
                  <Stat label="Avg latency">{formatDuration(r.avgLatencyMs)}</Stat>
                  <Stat label="Total cost">{formatCost(r.totalCost)}</Stat>
                  {r.scores.map((s) => (
                    <Stat key={s.name} label={`Avg ${s.name}`}>
                      {formatScore(s.avg)} <span className="text-muted-foreground">({s.count})</span>
                    </Stat>
                  ))}
                </dl>
              </section>
            ))}
          </div>
        ) : (
          <Skeleton className="mt-3 h-20 w-full" />
        )}
      </header>
      {view ? (
        <div className="flex flex-1 flex-col gap-3 p-5">
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <label className="flex items-center gap-2">
              <span className="text-muted-foreground">Sort</span>
              <Select
                aria-label="Sort items"
                className="w-72"
                value={sortValue}
                onChange={(e) => setSort(sortOptions.find((o) => o.value === e.target.value)?.sort ?? { kind: "order" })}
              >
                {sortOptions.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            </label>
            <label className="flex items-center gap-2">
              <span className="text-muted-foreground">Show</span>
              <Select aria-label="Show items" className="w-64" value={show} onChange={(e) => setShow(e.target.value as Show)}>
                <option value="all">All items</option>
                <option value="differ">Items whose scores differ</option>
                <option value="missing">Items a run did not cover</option>
              </Select>
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={diff} onChange={(e) => setDiff(e.target.checked)} />
              Diff outputs against the expected output
            </label>
            <span className="ml-auto text-muted-foreground" data-testid="compare-count">
              {items.length} of {view.items.length} items{view.truncated ? " (the newest 500 the runs covered)" : ""}
            </span>
          </div>
          {items.length === 0 ? (
            <EmptyState title={view.items.length === 0 ? "These runs have no items yet" : "No item matches"}>
              {view.items.length === 0
                ? "Items appear once an experiment links them to the traces it produced."
                : "Show all items to see the others."}
            </EmptyState>
          ) : (
            <div className="overflow-x-auto rounded-lg border">
              <table className="w-full min-w-[900px] table-fixed border-collapse text-left text-xs" aria-label="Items by run">
                <thead className="bg-panel text-muted-foreground">
                  <tr>
                    <th className="w-[26%] px-3 py-2 font-medium">Item</th>
                    {view.runs.map((r) => (
                      <th key={r.id} className="border-l px-3 py-2 font-medium">
                        {r.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y">
                  {items.map((item) => (
                    <tr key={item.id} className="align-top" data-testid="compared-item">
                      <td className="space-y-2 px-3 py-2">
                        <Payload label="Input" text={item.inputPreview} />
                        <Payload label="Expected" text={item.expectedOutputPreview} />
                      </td>
                      {view.runs.map((r) => (
                        <td key={r.id} className="border-l px-3 py-2">
                          <ResultCell
                            projectId={projectId}
                            item={item}
                            result={item.results[r.id] ?? null}
                            unfinished={item.unfinished[r.id] ?? null}
                            diff={diff}
                          />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ) : (
        <div className="p-5">
          <Skeleton className="h-64 w-full" />
        </div>
      )}
    </div>
  );
}

/** A UI experiment's item without a result: the reason it failed (user content, as text), or that it was cancelled or waits. */
function UnfinishedCell({ unfinished }: { unfinished: TComparedUnfinished }) {
  if (unfinished.status === "FAILED")
    return (
      <div className="space-y-1" data-testid="compared-failure">
        <span className="text-xs font-medium text-danger">Failed</span>
        <p className="line-clamp-6 whitespace-pre-wrap break-words text-danger/90">{unfinished.error ?? "No reason was recorded."}</p>
      </div>
    );
  return (
    <span className="text-muted-foreground" data-testid="compared-failure">
      {unfinished.status === "CANCELLED" ? "Cancelled before it ran" : "Still running"}
    </span>
  );
}

/** User content: text in a pre-wrapped block, never markup. */
function Payload({ label, text }: { label: string; text: string | null }) {
  return (
    <div>
      <div className="text-[11px] uppercase tracking-wide text-muted-foreground">{label}</div>
      <p className="line-clamp-6 whitespace-pre-wrap break-words font-mono">{text ?? "—"}</p>
    </div>
  );
}

function ResultCell({
  projectId,
  item,
  result,
  unfinished,
  diff,
}: {
  projectId: string;
  item: TComparedItem;
  result: TComparedResult | null;
  unfinished: TComparedUnfinished | null;
  diff: boolean;
}) {
  if (!result && unfinished) return <UnfinishedCell unfinished={unfinished} />;
  if (!result) return <span className="text-muted-foreground">Not in this run</span>;
  const output = result.outputPreview ?? "";
  return (
    <div className="space-y-2">
      {diff && item.expectedOutputPreview !== null ? (
        <p className="line-clamp-[10] whitespace-pre-wrap break-words font-mono" data-testid="output-diff">
          {diffWords(item.expectedOutputPreview, output).map((part, i) => (
            <span
              key={i}
              className={cn(
                part.added && "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300",
                part.removed && "bg-danger-soft text-danger line-through",
              )}
            >
              {part.value}
            </span>
          ))}
        </p>
      ) : (
        <p className="line-clamp-[10] whitespace-pre-wrap break-words font-mono">{output || "—"}</p>
      )}
      <div className="flex flex-wrap gap-1">
        {result.scores.map((s, i) => (
          <span key={`${s.name}-${i}`} className="rounded bg-muted px-1.5 py-0.5 font-mono" data-testid="compared-score">
            {s.name}: {s.stringValue ?? formatScore(s.value)}
          </span>
        ))}
      </div>
      <div className="flex items-center gap-3 text-muted-foreground">
        {result.latencyMs !== null ? <span title="Latency">{formatDuration(result.latencyMs)}</span> : null}
        {result.totalCost !== null ? <span title="Cost">{formatCost(result.totalCost)}</span> : null}
        {result.itemVersion !== item.version ? (
          <span title="The run used an older version of this item">item v{result.itemVersion}</span>
        ) : null}
        <Link
          href={projectRoutes(projectId).trace(result.traceId)}
          className="ml-auto inline-flex items-center gap-1 text-accent hover:underline"
        >
          Trace <ExternalLink className="h-3 w-3" aria-hidden />
        </Link>
      </div>
    </div>
  );
}
