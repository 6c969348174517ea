"use client";

import { ANNOTATION_ITEM_STATUSES, type TQueueItemRow } from "@loupe/contracts";
import { Play } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { PageHeader } from "@/components/layout/app-shell";
import { Badge } from "@/components/ui/badge";
import { type Column, DataTable } from "@/components/ui/data-table";
import { BackLink, DetailError, DetailLoading } from "@/components/ui/detail-states";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/states";
import { useCan, useHasRole } from "@/lib/client/project-role";
import { cn } from "@/lib/shared/cn";
import { projectRoutes } from "@/lib/shared/routes";
import { Progress } from "./components/progress";
import { AddItemsForm, AssigneesForm } from "./components/queue-controls";
import { useQueue } from "./hooks/use-annotation";

export function QueuePage({ projectId, queueId }: { projectId: string; queueId: string }) {
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState("");
  const detail = useQueue(projectId, queueId, page, status);
  const canManage = useHasRole("MEMBER");
  const canAnnotate = useCan("annotate");
  const routes = projectRoutes(projectId);
  const back = <BackLink href={routes.annotationQueues}>Annotation queues</BackLink>;
  if (detail.isError) {
    return (
      <DetailError
        back={back}
        what="Annotation queue"
        error={detail.error}
        missingHint="It may have been deleted."
        onRetry={() => detail.refetch()}
      />
    );
  }
  if (!detail.data) return <DetailLoading back={back} />;
  const { queue, members, items, meta } = detail.data;
  const total = queue.counts.pending + queue.counts.completed;
  const columns: Column<TQueueItemRow>[] = [
    {
      header: "Item",
      className: "max-w-[360px]",
      cell: (i) => (
        <span className="flex min-w-0 items-center gap-2">
          <Badge tone="neutral">{i.objectType.toLowerCase()}</Badge>
          <Link className="truncate font-mono text-xs hover:underline" href={routes.annotate(queue.id, i.id)} title={i.objectId}>
            {i.objectId}
          </Link>
        </span>
      ),
    },
    { header: "Status", cell: (i) => <Badge tone={i.status === "COMPLETED" ? "accent" : "neutral"}>{i.status.toLowerCase()}</Badge> },
    {
      header: "Scored by",
      className: "max-w-[200px] truncate",
      cell: (i) => i.completedBy?.name ?? i.completedBy?.email ?? (i.status === "COMPLETED" ? "API" : "—"),
    },
    { header: "Scores", numeric: true, cell: (i) => i.scoreCount },
    {
      header: "Completed",
      hideWhenNarrow: true,
      className: "text-muted-foreground",
      cell: (i) => (i.completedAt ? <RelativeTime iso={i.completedAt} /> : "—"),
    },
    { header: "Added", hideWhenNarrow: true, className: "text-muted-foreground", cell: (i) => <RelativeTime iso={i.createdAt} /> },
  ];
  return (
    <div className="flex min-h-screen flex-col">
      <div className="border-b px-5 pt-3">{back}</div>
      <PageHeader
        title={queue.name}
        description={queue.description ?? `Collects ${queue.scoreConfigs.map((c) => c.name).join(", ")}`}
        actions={
          <div className="flex items-center gap-3">
            <Progress done={queue.counts.completed} total={total} />
            {canAnnotate && queue.counts.pending > 0 ? (
              <Link
                href={routes.annotate(queue.id)}
                className="inline-flex h-7 items-center gap-1.5 rounded-md bg-accent px-2.5 text-xs font-medium text-accent-foreground"
              >
                <Play className="h-3.5 w-3.5" /> Start reviewing
              </Link>
            ) : null}
          </div>
        }
      />
      <div className="grid flex-1 content-start gap-5 p-5 lg:grid-cols-[1fr_280px]">
        <section className="min-w-0 space-y-2" aria-label="Items">
          <div className="flex gap-1" role="tablist" aria-label="Item status">
            {["", ...ANNOTATION_ITEM_STATUSES].map((s) => (
              <button
                key={s || "all"}
                type="button"
                role="tab"
                aria-selected={status === s}
                onClick={() => {
                  setStatus(s);
                  setPage(1);
                }}
                className={cn(
                  "h-7 rounded-md px-2.5 text-xs",
                  status === s ? "bg-muted font-medium" : "text-muted-foreground hover:bg-muted",
                )}
              >
                {s === "" ? `All ${total}` : s === "PENDING" ? `Pending ${queue.counts.pending}` : `Completed ${queue.counts.completed}`}
              </button>
            ))}
          </div>
          <DataTable
            columns={columns}
            query={{ data: { data: items, meta }, isPending: false, error: null, refetch: detail.refetch }}
            errorTitle="Could not load items"
            empty={
              <EmptyState title={status ? `No ${status.toLowerCase()} items` : "Nothing queued yet"}>
                {canManage
                  ? "Add traces from the traces page (Add to queue takes the current filter), a trace or session from its page, or paste ids on the right."
                  : "Someone with the MEMBER role adds traces, observations or sessions to this queue."}
              </EmptyState>
            }
            noun="item"
            rowKey={(i) => i.id}
            rowHref={(i) => routes.annotate(queue.id, i.id)}
            rowTestId="queue-item-row"
            onPageChange={setPage}
            minWidth={560}
          />
        </section>
        <aside className="space-y-5">
          <section className="space-y-2">
            <h2 className="text-xs font-medium uppercase tracking-wide text-muted-foreground">Assigned to</h2>
            {canManage ? (
              <AssigneesForm key={queue.assignees.map((a) => a.id).join()} projectId={projectId} queue={queue} members={members} />
            ) : (
              <p className="text-sm">{queue.assignees.map((a) => a.name ?? a.email).join(", ") || "Anyone who may annotate"}</p>
            )}
          </section>
          {canManage ? (
            <section className="space-y-2">
              <h2 className="text-xs font-medium uppercase tracking-wide text-muted-foreground">Add items</h2>
              <AddItemsForm projectId={projectId} queueId={queue.id} />
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
