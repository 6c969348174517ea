"use client";

import type { TTraceDetailResponse } from "@loupe/contracts";
import { ListTree, SquareChartGantt } from "lucide-react";
import { type CSSProperties, type ReactNode, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { DetailError, DetailLoading } from "@/components/ui/detail-states";
import { IdText } from "@/components/ui/id-text";
import { Stat } from "@/components/ui/stat";
import { useShortcuts } from "@/components/keyboard/shortcuts";
import { Timestamp } from "@/components/ui/relative-time";
import { cn } from "@/lib/shared/cn";
import { formatCost, formatDuration, formatTokens } from "@/lib/shared/format";
import { CommentsPanel } from "@/features/comments";
import { useCan, useHasRole } from "@/lib/client/project-role";
import { projectRoutes } from "@/lib/shared/routes";
import { ObservationDetail } from "./components/observation-detail";
import { ObservationTree, TRACE_ROOT, TREE_ROW_PX } from "./components/observation-tree";
import { PayloadView } from "./components/payload-view";
import { LevelCounts } from "./components/level-counts";
import { ScoresPanel } from "./components/scores-panel";
import { BookmarkToggle, TagEditor } from "./components/trace-marks";
import { type TraceSource, useTrace } from "./hooks/use-trace-detail";

/** What sits around the tree's rows: its toolbar, the timeline scale, padding. */
const TREE_CHROME_PX = 36 + 24 + 8;

/**
 * One trace: header, observation tree (or tree + timeline) and the selected node's detail. The
 * trace page, the list's preview panel and the shared read-only page all render this; they differ
 * only in the toolbar above it and where the selection lives (see use-peek.ts).
 *
 * The layout follows the space it gets (container queries), not the window: beside the list in a
 * preview panel the tree stacks above the detail, as it does on a narrow window.
 */
export function TraceView({
  source,
  selectedObservationId,
  onSelectObservation,
  toolbar,
  actions,
  headingLevel = 1,
  treeKeys = false,
}: {
  source: TraceSource;
  /** null: the trace itself. An id the trace does not have falls back to the trace. */
  selectedObservationId: string | null;
  onSelectObservation: (observationId: string | null) => void;
  /** The row above the title (back link, or the preview's close/open buttons); also shown while loading. */
  toolbar: ReactNode;
  /** Controls that need the loaded trace (sharing), at the end of the toolbar row. */
  actions?: (trace: TTraceDetailResponse) => ReactNode;
  /** h1 on its own page, h2 inside another page (the preview panel). */
  headingLevel?: 1 | 2;
  /** `j`/`k` walk the tree (the trace page; in a preview they move the list instead). */
  treeKeys?: boolean;
}) {
  const trace = useTrace(source);
  const canAnnotate = useCan("annotate") && !source.shared;
  const [timeline, setTimeline] = useState(false);
  useShortcuts("Trace", [{ keys: ["t"], description: "Switch between tree and timeline", run: () => setTimeline((on) => !on) }]);

  if (trace.isError) {
    return (
      <DetailError
        back={toolbar}
        what="Trace"
        error={trace.error}
        missingHint={
          source.shared
            ? "This link is not shared, or the trace no longer exists."
            : "It may still be processing (traces appear within seconds), or it belongs to another project."
        }
        onRetry={() => trace.refetch()}
      />
    );
  }
  if (!trace.data) return <DetailLoading back={toolbar} />;
  const t = trace.data;
  const selected = t.observations.find((o) => o.id === selectedObservationId);
  return (
    <div className="flex h-full flex-col">
      <TraceHeader trace={t} source={source} headingLevel={headingLevel} toolbar={toolbar} actions={actions?.(t)} />
      <div className="@container flex min-h-0 flex-1">
        <div className="flex min-h-0 w-full @max-[760px]:flex-col">
          <div
            className={cn(
              "flex min-h-0 min-w-[320px] flex-col border-r",
              // Stacked above the detail: as tall as its rows, at most 42% of the height.
              "@max-[760px]:h-[min(42%,var(--tree-fit))] @max-[760px]:w-full @max-[760px]:min-w-0 @max-[760px]:border-r-0 @max-[760px]:border-b",
              timeline ? "w-[58%]" : "w-[44%]",
            )}
            style={{ "--tree-fit": `${TREE_CHROME_PX + (t.observations.length + 1) * TREE_ROW_PX}px` } as CSSProperties}
          >
            <div className="flex h-9 shrink-0 items-center gap-2 border-b px-3">
              <div className="flex rounded-md border text-xs" role="group" aria-label="Observation view">
                {(
                  [
                    [false, "Tree", ListTree],
                    [true, "Timeline", SquareChartGantt],
                  ] as const
                ).map(([on, label, Icon]) => (
                  <button
                    key={label}
                    type="button"
                    aria-pressed={timeline === on}
                    onClick={() => setTimeline(on)}
                    className={cn(
                      "inline-flex items-center gap-1 px-2 py-1",
                      timeline === on ? "bg-muted font-medium" : "text-muted-foreground hover:bg-muted/70",
                    )}
                  >
                    <Icon className="h-3.5 w-3.5" aria-hidden /> {label}
                  </button>
                ))}
              </div>
              <span className="ml-auto text-xs text-muted-foreground tabular">{t.observations.length.toLocaleString()} observations</span>
            </div>
            <div className="min-h-0 flex-1 py-1">
              <ObservationTree
                traceName={t.name ?? "Trace"}
                traceLatencyMs={t.latencyMs}
                traceCost={t.totalCost}
                observations={t.observations}
                selectedId={selected?.id ?? TRACE_ROOT}
                onSelect={(id) => onSelectObservation(id === TRACE_ROOT ? null : id)}
                timeline={timeline}
                keys={treeKeys}
              />
            </div>
          </div>
          <div className="@container min-h-0 min-w-0 flex-1 overflow-y-auto p-5 @max-[480px]:p-3" data-testid="trace-detail-pane">
            {selected ? (
              <div className="space-y-4">
                <ObservationDetail key={selected.id} source={source} observation={selected} scores={t.scores} readOnly={!canAnnotate} />
                {source.shared ? null : <CommentsPanel projectId={source.projectId} objectType="OBSERVATION" objectId={selected.id} />}
              </div>
            ) : (
              <div className="space-y-4">
                <ScoresPanel projectId={source.projectId} traceId={t.id} observationId={null} scores={t.scores} readOnly={!canAnnotate} />
                {source.shared ? null : <CommentsPanel projectId={source.projectId} objectType="TRACE" objectId={t.id} />}
                <PayloadView label="Input" value={t.input} />
                <PayloadView label="Output" value={t.output} />
                <PayloadView label="Metadata" value={t.metadata} />
              </div>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

function TraceHeader({
  trace: t,
  source,
  headingLevel,
  toolbar,
  actions,
}: {
  trace: TTraceDetailResponse;
  source: TraceSource;
  headingLevel: 1 | 2;
  toolbar: ReactNode;
  actions: ReactNode;
}) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const routes = projectRoutes(source.projectId);
  const editable = useHasRole("MEMBER") && !source.shared;
  return (
    <header className="border-b px-5 py-3">
      <div className="flex min-h-7 items-center gap-2">
        {toolbar}
        {actions}
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        {editable ? <BookmarkToggle projectId={source.projectId} traceId={t.id} bookmarked={t.bookmarked} /> : null}
        <Heading className="min-w-0 truncate text-base font-semibold" title={t.name ?? t.id}>
          {t.name ?? "Unnamed trace"}
        </Heading>
        <span className="flex min-w-0 items-center font-mono text-xs text-muted-foreground">
          <span className="truncate">{t.id}</span>
          <CopyButton value={t.id} label="Copy trace id" />
        </span>
        {t.environment !== "default" ? <Badge tone="accent">{t.environment}</Badge> : null}
        {editable ? (
          <TagEditor projectId={source.projectId} traceId={t.id} tags={t.tags} />
        ) : (
          t.tags.map((tag) => <Badge key={tag}>{tag}</Badge>)
        )}
        <LevelCounts observations={t.observations} />
      </div>
      <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
        <Stat label="Time">
          <Timestamp iso={t.timestamp} />
        </Stat>
        <Stat label="Latency">{formatDuration(t.latencyMs)}</Stat>
        <Stat label="Tokens">{formatTokens(t.totalTokens)}</Stat>
        {t.version ? <Stat label="Version">{t.version}</Stat> : null}
        <Stat label="Cost">
          <span data-testid="trace-total-cost">{formatCost(t.totalCost)}</span>
        </Stat>
        {t.userId ? (
          <Stat label="User">
            {source.shared ? t.userId : <IdText value={t.userId} href={routes.user(t.userId)} copyLabel="Copy user id" />}
          </Stat>
        ) : null}
        {t.sessionId ? (
          <Stat label="Session">
            {source.shared ? t.sessionId : <IdText value={t.sessionId} href={routes.session(t.sessionId)} copyLabel="Copy session id" />}
          </Stat>
        ) : null}
        {t.release ? <Stat label="Release">{t.release}</Stat> : null}
      </dl>
    </header>
  );
}
