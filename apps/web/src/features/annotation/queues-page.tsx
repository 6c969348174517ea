"use client";

import type { TQueueSummary } from "@loupe/contracts";
import { ClipboardCheck, Plus } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { ListPage } from "@/components/layout/list-page";
import { Button } from "@/components/ui/button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/states";
import { useCan, useHasRole } from "@/lib/client/project-role";
import { projectRoutes } from "@/lib/shared/routes";
import { Progress } from "./components/progress";
import { useQueues } from "@/features/queue-picker";
import { useAllScoreConfigs, useCreateQueue } from "./hooks/use-annotation";
import { unpaged } from "./components/unpaged";

function CreateQueueForm({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const id = useId();
  const configs = useAllScoreConfigs(projectId);
  const create = useCreateQueue(projectId);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [picked, setPicked] = useState<string[]>([]);
  const active = (configs.data?.data ?? []).filter((c) => !c.isArchived);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    create.mutate({ name: name.trim(), description: description.trim() || null, scoreConfigIds: picked }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} className="mb-4 space-y-3 rounded-lg border p-4" aria-label="New annotation queue">
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="space-y-1 text-xs font-medium" htmlFor={`${id}-name`}>
          <span>Name</span>
          <Input
            id={`${id}-name`}
            className="h-8"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Weekly support review"
          />
        </label>
        <label className="space-y-1 text-xs font-medium" htmlFor={`${id}-desc`}>
          <span>Description</span>
          <Input
            id={`${id}-desc`}
            className="h-8"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            placeholder="What reviewers look for"
          />
        </label>
      </div>
      <fieldset className="space-y-1.5">
        <legend className="text-xs font-medium">Scores to collect</legend>
        {active.length === 0 ? (
          <p className="text-xs text-muted-foreground">
            No score configs yet:{" "}
            <Link className="underline" href={projectRoutes(projectId).scoreConfigs}>
              create one first
            </Link>
            .
          </p>
        ) : (
          <div className="flex flex-wrap gap-2">
            {active.map((c) => (
              <label key={c.id} className="flex h-7 items-center gap-1.5 rounded-md border px-2 text-xs">
                <input
                  type="checkbox"
                  checked={picked.includes(c.id)}
                  onChange={(e) => setPicked((p) => (e.target.checked ? [...p, c.id] : p.filter((x) => x !== c.id)))}
                />
                {c.name} <span className="text-muted-foreground">{c.dataType.toLowerCase()}</span>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <div className="flex items-center justify-end gap-2">
        <FormError message={create.error?.message ?? null} />
        <Button variant="secondary" size="sm" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={create.isPending || picked.length === 0 || name.trim() === ""}>
          Create queue
        </Button>
      </div>
    </form>
  );
}

export function QueuesPage({ projectId }: { projectId: string }) {
  const queues = useQueues(projectId);
  const canManage = useHasRole("MEMBER");
  const canAnnotate = useCan("annotate");
  const [creating, setCreating] = useState(false);
  const routes = projectRoutes(projectId);
  const list = unpaged(queues);
  const columns: Column<TQueueSummary>[] = [
    {
      header: "Queue",
      className: "max-w-[320px]",
      cell: (q) => (
        <div className="min-w-0">
          <Link href={routes.annotationQueue(q.id)} className="block truncate font-medium hover:underline" data-testid="queue-link">
            {q.name}
          </Link>
          {q.description ? <p className="truncate text-xs text-muted-foreground">{q.description}</p> : null}
        </div>
      ),
    },
    { header: "Progress", cell: (q) => <Progress done={q.counts.completed} total={q.counts.completed + q.counts.pending} /> },
    {
      header: "Scores",
      hideWhenNarrow: true,
      className: "max-w-[240px] truncate text-muted-foreground",
      cell: (q) => q.scoreConfigs.map((c) => c.name).join(", "),
    },
    {
      header: "Assigned",
      hideWhenNarrow: true,
      className: "max-w-[200px] truncate text-muted-foreground",
      cell: (q) => q.assignees.map((a) => a.name ?? a.email).join(", ") || "anyone",
    },
    { header: "Created", hideWhenNarrow: true, className: "text-muted-foreground", cell: (q) => <RelativeTime iso={q.createdAt} /> },
    {
      header: "",
      cell: (q) =>
        canAnnotate && q.counts.pending > 0 ? (
          <Link href={routes.annotate(q.id)} className="text-xs font-medium text-accent hover:underline">
            Review →
          </Link>
        ) : null,
    },
  ];
  return (
    <ListPage
      title="Annotation queues"
      intro="Traces, observations and sessions waiting for a person's scores"
      noun="queue"
      query={list.header}
      actions={
        canManage && !creating ? (
          <Button size="sm" onClick={() => setCreating(true)}>
            <Plus className="h-3.5 w-3.5" /> New queue
          </Button>
        ) : null
      }
    >
      {creating ? <CreateQueueForm projectId={projectId} onDone={() => setCreating(false)} /> : null}
      <DataTable
        columns={columns}
        query={list.table}
        errorTitle="Could not load annotation queues"
        empty={
          <EmptyState icon={<ClipboardCheck className="h-6 w-6 text-accent" />} title="No annotation queues yet">
            A queue collects the scores you choose from reviewers. Create one, then add traces from the traces page (Add to queue takes the
            current filter), a trace, an observation or a session from its page, or from code with{" "}
            <code>POST /api/public/annotation-queues/…/items</code>.
          </EmptyState>
        }
        noun="queue"
        rowKey={(q) => q.id}
        rowHref={(q) => routes.annotationQueue(q.id)}
        rowTestId="queue-row"
        onPageChange={() => undefined}
        minWidth={640}
      />
    </ListPage>
  );
}
