"use client";

import type { TTraceSelection } from "@loupe/contracts";
import { Database } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { DatasetChoiceField, NoDatasetYet, useDatasetChoice } from "@/features/datasets";
import { formatCount } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";
import { useBulkTraceActions } from "./use-bulk-actions";

/** "Add to dataset" for a selection: each trace's input and output become an item and its expected output. */
export function AddSelectionToDataset({ projectId, selection, what }: { projectId: string; selection: TTraceSelection; what: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        <Database className="h-3.5 w-3.5" /> Add to dataset
      </Button>
      {open ? <DatasetDialog projectId={projectId} selection={selection} what={what} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function DatasetDialog({
  projectId,
  selection,
  what,
  onClose,
}: {
  projectId: string;
  selection: TTraceSelection;
  what: string;
  onClose: () => void;
}) {
  const choice = useDatasetChoice(projectId);
  const { datasets, chosen } = choice;
  const { addToDataset: add } = useBulkTraceActions(projectId);
  const result = add.data;
  return (
    <ModalDialog
      title="Add to dataset"
      description={`Each of ${what} becomes an item: its input as the input, its output as the expected output, linked back to the trace.`}
      onClose={onClose}
      footer={(close) =>
        result ? (
          <Button onClick={close}>Done</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button disabled={!chosen || add.isPending} onClick={() => add.mutate({ selection, datasetId: chosen })}>
              {add.isPending ? "Adding…" : "Add items"}
            </Button>
          </>
        )
      }
    >
      {result ? (
        <div role="status" className="space-y-1 text-sm" data-testid="bulk-dataset-result">
          <p>
            Added {formatCount(result.added, "item")} to{" "}
            <Link className="text-accent underline-offset-2 hover:underline" href={projectRoutes(projectId).dataset(chosen)}>
              {choice.chosenName ?? "the dataset"}
            </Link>
            .
          </p>
          {result.withoutInput > 0 ? (
            <p className="text-muted-foreground">{formatCount(result.withoutInput, "trace")} without an input were left out.</p>
          ) : null}
          {result.invalid > 0 ? (
            <p className="text-muted-foreground">
              {formatCount(result.invalid, "trace")} did not fit the dataset's schema{result.firstError ? ` (${result.firstError})` : ""}.
            </p>
          ) : null}
        </div>
      ) : choice.none ? (
        <NoDatasetYet projectId={projectId} what="traces" />
      ) : (
        <div className="space-y-3">
          <DatasetChoiceField choice={choice} id="bulk-dataset" />
          <FormError message={add.error?.message ?? datasets.error?.message ?? null} />
        </div>
      )}
    </ModalDialog>
  );
}
