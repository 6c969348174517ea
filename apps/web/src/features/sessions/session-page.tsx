"use client";

import type { TSessionTurn } from "@loupe/contracts";
import { ArrowUpRight } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Pager } from "@/components/ui/pager";
import { BackLink, DetailError, DetailLoading } from "@/components/ui/detail-states";
import { IdText } from "@/components/ui/id-text";
import { RelativeTime, Timestamp } from "@/components/ui/relative-time";
import { Stat } from "@/components/ui/stat";
import { formatCost, formatDuration, formatTokens } from "@/lib/shared/format";
import { ScoreBadges } from "@/features/traces";
import { projectRoutes } from "@/lib/shared/routes";
import { MessageView } from "./components/message-view";
import { UserLinks } from "./components/user-links";
import { useSession } from "./hooks/use-sessions";
import { CommentsPanel } from "@/features/comments";
import { AddToQueue } from "@/features/queue-picker";

function Turn({ projectId, turn, index }: { projectId: string; turn: TSessionTurn; index: number }) {
  return (
    <li data-testid="session-turn" className="overflow-hidden rounded-lg border">
      <div className="flex min-h-8 flex-wrap items-center gap-x-4 gap-y-1 border-b bg-panel px-3 py-1.5 text-xs">
        <span className="font-mono text-muted-foreground tabular">#{index}</span>
        <span className="min-w-0 max-w-[280px] truncate font-medium" title={turn.name ?? turn.id}>
          {turn.name ?? <span className="italic text-muted-foreground">unnamed</span>}
        </span>
        {turn.level === "ERROR" ? <Badge tone="danger">error</Badge> : null}
        <Timestamp iso={turn.timestamp} className="text-muted-foreground" />
        {turn.scores.length > 0 ? <ScoreBadges scores={turn.scores} /> : null}
        <span className="ml-auto flex items-center gap-4 font-mono tabular text-muted-foreground">
          <span title="Latency">{formatDuration(turn.latencyMs)}</span>
          <span title={`${formatTokens(turn.inputTokens)} in · ${formatTokens(turn.outputTokens)} out`}>
            {formatTokens(turn.totalTokens)} tok
          </span>
          <span title="Cost" className="text-foreground">
            {formatCost(turn.totalCost)}
          </span>
          <Link
            href={projectRoutes(projectId).trace(turn.id)}
            className="inline-flex items-center gap-0.5 font-sans text-accent hover:underline"
            data-testid="turn-trace-link"
          >
            Trace <ArrowUpRight className="h-3.5 w-3.5" />
          </Link>
        </span>
      </div>
      <div className="flex flex-col gap-2 p-3">
        <MessageView value={turn.input} fallbackRole="user" />
        <MessageView value={turn.output} fallbackRole="assistant" />
        {turn.input == null && turn.output == null ? <p className="text-xs italic text-muted-foreground">No input or output</p> : null}
      </div>
    </li>
  );
}

export function SessionPage({ projectId, sessionId }: { projectId: string; sessionId: string }) {
  const [page, setPage] = useState(1);
  const session = useSession(projectId, sessionId, page);
  const routes = projectRoutes(projectId);
  const back = <BackLink href={routes.sessions}>Sessions</BackLink>;

  if (session.isError) {
    return (
      <DetailError
        back={back}
        what="Session"
        error={session.error}
        missingHint="No trace of this project carries this session id (yet)."
        onRetry={() => session.refetch()}
      />
    );
  }
  if (!session.data) return <DetailLoading back={back} />;
  const { session: s, turns } = session.data;
  const first = (turns.meta.page - 1) * turns.meta.limit;
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b px-5 py-3">
        {back}
        <div className="mt-1 flex min-w-0 items-center gap-2">
          <h1 className="shrink-0 text-base font-semibold">Session</h1>
          <IdText value={s.id} copyLabel="Copy session id" className="text-muted-foreground" />
          {s.environment !== "default" ? <Badge tone="accent">{s.environment}</Badge> : null}
          <div className="ml-auto">
            <AddToQueue projectId={projectId} items={{ source: "ids", objectType: "SESSION", objectIds: [s.id] }} what="this session" />
          </div>
        </div>
        <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
          <Stat label="Traces">{formatTokens(s.traceCount)}</Stat>
          <Stat label="Started">
            <Timestamp iso={s.firstTraceAt} />
          </Stat>
          <Stat label="Last trace">
            <RelativeTime iso={s.lastTraceAt} />
          </Stat>
          <Stat label="Duration">{formatDuration(s.durationMs)}</Stat>
          <Stat label="Tokens">{formatTokens(s.totalTokens)}</Stat>
          <Stat label="Cost">
            <span data-testid="session-total-cost">{formatCost(s.totalCost)}</span>
          </Stat>
          <Stat label="Users">
            <UserLinks projectId={projectId} userIds={s.userIds} max={3} />
          </Stat>
          {s.scores.length > 0 ? (
            <Stat label="Session scores">
              <ScoreBadges scores={s.scores} />
            </Stat>
          ) : null}
        </dl>
      </header>
      <div className="mx-auto w-full max-w-4xl flex-1 space-y-3 p-5">
        <ol className="space-y-3" aria-label="Turns">
          {turns.data.map((turn, i) => (
            <Turn key={turn.id} projectId={projectId} turn={turn} index={first + i + 1} />
          ))}
        </ol>
        {turns.meta.totalPages > 1 ? (
          <div className="overflow-hidden rounded-lg border">
            <Pager
              page={turns.meta.page}
              totalPages={turns.meta.totalPages}
              label={`turns ${first + 1}–${first + turns.data.length} of ${formatTokens(turns.meta.totalItems)}`}
              onPageChange={(p) => {
                setPage(p);
                window.scrollTo({ top: 0 });
              }}
            />
          </div>
        ) : null}
        <CommentsPanel projectId={projectId} objectType="SESSION" objectId={s.id} />
      </div>
    </div>
  );
}
