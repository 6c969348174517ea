"use client";

import type { TTraceDetailResponse } from "@loupe/contracts";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { IdText } from "@/components/ui/id-text";
import { Stat } from "@/components/ui/stat";
import { Timestamp } from "@/components/ui/relative-time";
import { formatCost, formatDuration, formatTokens } from "@/lib/shared/format";
import { useHasRole } from "@/lib/client/project-role";
import { projectRoutes } from "@/lib/shared/routes";
import type { TraceSource } from "../hooks/use-trace-detail";
import { LevelCounts } from "./level-counts";
import { BookmarkToggle, TagEditor } from "./trace-marks";

/** The trace's title row, marks (bookmark, tags, levels) and figures, above the tree and detail. */
export function TraceHeader({
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
