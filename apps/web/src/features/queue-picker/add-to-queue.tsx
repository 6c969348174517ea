"use client";

import type { TAddQueueItemsBody } from "@loupe/contracts";
import { ClipboardPlus } from "lucide-react";
import Link from "next/link";
import { Popover } from "@/components/ui/popover";
import { useHasRole } from "@/lib/client/project-role";
import { projectRoutes } from "@/lib/shared/routes";
import { useAddQueueItems, useQueues } from "./use-queues";

function QueueChoice({
  projectId,
  queue,
  items,
  label,
}: {
  projectId: string;
  queue: { id: string; name: string };
  items: TAddQueueItemsBody;
  label: string;
}) {
  const add = useAddQueueItems(projectId, queue.id);
  return (
    <li className="flex items-center gap-2 px-2 py-1">
      <button
        type="button"
        className="min-w-0 flex-1 truncate rounded px-1 py-1 text-left text-sm hover:bg-muted disabled:opacity-50"
        disabled={add.isPending}
        onClick={() => add.mutate(items)}
      >
        {queue.name}
      </button>
      <span className="shrink-0 text-xs text-muted-foreground" role="status">
        {add.data ? (
          <>
            +{add.data.added}{" "}
            <Link className="underline" href={projectRoutes(projectId).annotationQueue(queue.id)}>
              open
            </Link>
          </>
        ) : add.error ? (
          <span className="text-danger" title={add.error.message}>
            failed
          </span>
        ) : (
          label
        )}
      </span>
    </li>
  );
}

/**
 * "Add to queue": one trace, observation or session from its page, or the traces table's current
 * filter. MEMBER and up (the route refuses others too).
 */
export function AddToQueue({ projectId, items, what }: { projectId: string; items: TAddQueueItemsBody; what: string }) {
  const canAdd = useHasRole("MEMBER");
  const queues = useQueues(projectId, canAdd);
  if (!canAdd) return null;
  return (
    <Popover
      label="Add to annotation queue"
      trigger={
        <>
          <ClipboardPlus className="h-3.5 w-3.5" /> Add to queue
        </>
      }
    >
      <div className="w-72 py-1" data-testid="add-to-queue">
        <p className="px-3 py-1 text-xs text-muted-foreground">Add {what} to…</p>
        {queues.isPending ? (
          <p className="px-3 py-2 text-xs text-muted-foreground">Loading queues…</p>
        ) : (queues.data?.data.length ?? 0) === 0 ? (
          <p className="px-3 py-2 text-xs text-muted-foreground">
            No queues yet.{" "}
            <Link className="underline" href={projectRoutes(projectId).annotationQueues}>
              Create one
            </Link>
            .
          </p>
        ) : (
          <ul>
            {queues.data?.data.map((q) => (
              <QueueChoice key={q.id} projectId={projectId} queue={q} items={items} label={`${q.counts.pending} pending`} />
            ))}
          </ul>
        )}
      </div>
    </Popover>
  );
}
