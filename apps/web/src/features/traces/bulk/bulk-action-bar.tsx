"use client";

import { BULK_TRACE_LIMITS, type TAddQueueItemsBody, type TTraceListQuery, type TTraceSelection } from "@loupe/contracts";
import { Tag, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Popover } from "@/components/ui/popover";
import { SelectionBar } from "@/components/ui/selection-bar";
import { AddToQueue } from "@/features/queue-picker";
import { useCan, useHasRole } from "@/lib/client/project-role";
import { formatCount } from "@/lib/shared/format";
import { AddSelectionToDataset } from "./add-selection-to-dataset";
import { useBulkTraceActions } from "./use-bulk-actions";
import type { TableSelectionState } from "@/lib/client/use-table-selection";

/**
 * The bar above the traces table while rows are ticked: how many, "select all N matching", and the
 * bulk actions (tags, dataset, annotation queue: MEMBER+; delete: ADMIN+). The server checks the role
 * again and bounds a filter selection (BULK_TRACE_LIMITS).
 */
export function BulkActionBar({
  projectId,
  state,
  pageKeys,
  total,
}: {
  projectId: string;
  state: TableSelectionState<TTraceListQuery>;
  pageKeys: string[];
  total: { count: number; atLeast: boolean } | null;
}) {
  const canWrite = useHasRole("MEMBER");
  const canDelete = useCan("traces:delete");
  const { selection } = state;
  if (!selection || !canWrite) return null;
  const pageTicked = pageKeys.length > 0 && pageKeys.every((k) => state.checks.isChecked(k));
  const count = state.allMatching ? (total?.count ?? 0) : state.count;
  const what = state.allMatching
    ? `all ${formatCount(count, "trace", { atLeast: total?.atLeast })} matching the filter`
    : formatCount(count, "selected trace");
  const queueItems: TAddQueueItemsBody =
    selection.kind === "filter"
      ? { source: "filter", filter: selection.filter }
      : { source: "ids", objectType: "TRACE", objectIds: selection.ids };
  return (
    <SelectionBar
      label={state.allMatching ? `All ${formatCount(count, "trace", { atLeast: total?.atLeast })} matching selected` : `${count} selected`}
      onClear={state.clear}
      extra={
        !state.allMatching && pageTicked && total && total.count > pageKeys.length ? (
          <button type="button" className="text-accent underline-offset-2 hover:underline" onClick={state.selectAllMatching}>
            Select all {formatCount(total.count, "trace", { atLeast: total.atLeast })} matching
          </button>
        ) : state.allMatching && total && (total.atLeast || total.count > BULK_TRACE_LIMITS.dataset) ? (
          <span className="text-muted-foreground">
            (tags and delete reach the first {BULK_TRACE_LIMITS.delete.toLocaleString("en-US")}, datasets and queues the first{" "}
            {BULK_TRACE_LIMITS.dataset.toLocaleString("en-US")})
          </span>
        ) : null
      }
    >
      <TagSelection projectId={projectId} selection={selection} what={what} onDone={state.clear} />
      <AddSelectionToDataset projectId={projectId} selection={selection} what={what} />
      <AddToQueue projectId={projectId} items={queueItems} what={what} />
      {canDelete ? <DeleteSelection projectId={projectId} selection={selection} what={what} onDone={state.clear} /> : null}
    </SelectionBar>
  );
}

/** What each action of the bar gets: the selection, its description ("3 traces") and a way to clear it. */
type SelectionActionProps = { projectId: string; selection: TTraceSelection; what: string; onDone: () => void };

/** "Add tags": a comma-separated list added to every selected trace. */
function TagSelection({ projectId, selection, what, onDone }: SelectionActionProps) {
  const { tag } = useBulkTraceActions(projectId);
  const [text, setText] = useState("");
  const tags = [
    ...new Set(
      text
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
  return (
    <Popover
      label="Add tags"
      trigger={
        <>
          <Tag className="h-3.5 w-3.5" /> Add tags
        </>
      }
    >
      <form
        className="w-72 space-y-2 p-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (tags.length > 0) tag.mutate({ selection, tags }, { onSuccess: () => setText("") });
        }}
      >
        <p className="text-xs text-muted-foreground">Add to {what}:</p>
        <Input aria-label="Tags to add" placeholder="reviewed, regression" value={text} onChange={(e) => setText(e.target.value)} />
        <FormError message={tag.error?.message ?? null} />
        {tag.data ? (
          <p role="status" className="text-xs text-muted-foreground">
            Tagged {formatCount(tag.data.updated, "trace")}.{" "}
            <button type="button" className="text-accent underline-offset-2 hover:underline" onClick={onDone}>
              Clear selection
            </button>
          </p>
        ) : null}
        <Button type="submit" size="sm" disabled={tags.length === 0 || tag.isPending}>
          {tag.isPending ? "Adding…" : `Add ${tags.length > 1 ? `${tags.length} tags` : "tag"}`}
        </Button>
      </form>
    </Popover>
  );
}

/** "Delete": a confirmation with the count; the traces vanish from the lists at once, the worker removes them. */
function DeleteSelection({ projectId, selection, what, onDone }: SelectionActionProps) {
  const { remove } = useBulkTraceActions(projectId);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="danger" size="sm" onClick={() => setOpen(true)}>
        <Trash2 className="h-3.5 w-3.5" /> Delete
      </Button>
      {open ? (
        <ModalDialog
          title="Delete traces"
          description="Their observations and scores are deleted with them. This cannot be undone."
          onClose={() => {
            setOpen(false);
            // The selection is cleared only now: clearing it earlier would unmount this dialog before its answer shows.
            if (remove.data) onDone();
            remove.reset();
          }}
          footer={(close) =>
            remove.data ? (
              <Button onClick={close}>Done</Button>
            ) : (
              <>
                <Button variant="secondary" onClick={close}>
                  Cancel
                </Button>
                <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate(selection)}>
                  {remove.isPending ? "Deleting…" : "Delete"}
                </Button>
              </>
            )
          }
        >
          {remove.data ? (
            <p role="status" className="text-sm">
              Deleting {formatCount(remove.data.deleting, "trace")}. They are gone from the lists now; the worker removes the data in the
              background.
            </p>
          ) : (
            <div className="space-y-2 text-sm">
              <p>
                Delete <span className="font-medium">{what}</span>?
              </p>
              <FormError message={remove.error?.message ?? null} />
            </div>
          )}
        </ModalDialog>
      ) : null}
    </>
  );
}
