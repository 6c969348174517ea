"use client";

import type { TTraceSelection } from "@loupe/contracts";
import { Database } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field } from "@/components/ui/input";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Select } from "@/components/ui/textarea";
import { useDatasets } from "@/features/datasets";
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
  const datasets = useDatasets(projectId);
  const { addToDataset: add } = useBulkTraceActions(projectId);
  const [datasetId, setDatasetId] = useState("");
  const list = datasets.data?.data ?? [];
  const chosen = datasetId || list[0]?.id || "";
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
              {list.find((d) => d.id === chosen)?.name ?? "the dataset"}
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
      ) : datasets.isSuccess && list.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          This project has no dataset yet.{" "}
          <Link className="text-accent underline-offset-2 hover:underline" href={projectRoutes(projectId).datasets}>
            Create one on the datasets page
          </Link>
          , then add traces here.
        </p>
      ) : (
        <div className="space-y-3">
          <Field label="Dataset" htmlFor="bulk-dataset">
            <Select id="bulk-dataset" value={chosen} onChange={(e) => setDatasetId(e.target.value)} disabled={!datasets.data}>
              {list.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          </Field>
          <FormError message={add.error?.message ?? datasets.error?.message ?? null} />
        </div>
      )}
    </ModalDialog>
  );
}
