"use client";

import Link from "next/link";
import { useState } from "react";
import { Database } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field } from "@/components/ui/input";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Textarea } from "@/components/ui/textarea";
import { useHasRole } from "@/lib/client/project-role";
import { projectRoutes } from "@/lib/shared/routes";
import { useAddDatasetItem } from "../hooks/use-datasets";
import { DatasetChoiceField, NoDatasetYet, useDatasetChoice } from "./dataset-choice";

type Source = { traceId: string; observationId?: string };

/** Text the person sees and edits: a string as itself, anything else as indented JSON. */
const toText = (value: unknown) =>
  value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value, null, 2);
/** Back from the text: valid JSON is stored as JSON, anything else as the text itself. */
function fromText(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * "Add to dataset" on a trace or an observation (MEMBER+): its input becomes the item's input and its
 * output the expected output, both editable first, and the item links back to its source.
 */
export function AddToDatasetButton({
  projectId,
  source,
  input,
  output,
}: {
  projectId: string;
  source: Source;
  input: unknown;
  output: unknown;
}) {
  const [open, setOpen] = useState(false);
  if (!useHasRole("MEMBER")) return null;
  return (
    <>
      <Button size="sm" variant="secondary" className="h-6 px-2" onClick={() => setOpen(true)}>
        <Database className="h-3.5 w-3.5 text-accent" aria-hidden /> Add to dataset
      </Button>
      {open ? (
        <AddToDatasetDialog projectId={projectId} source={source} input={input} output={output} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}

function AddToDatasetDialog({
  projectId,
  source,
  input,
  output,
  onClose,
}: {
  projectId: string;
  source: Source;
  input: unknown;
  output: unknown;
  onClose: () => void;
}) {
  const choice = useDatasetChoice(projectId);
  const { datasets, list, chosen } = choice;
  const add = useAddDatasetItem(projectId);
  const [inputText, setInputText] = useState(toText(input));
  const [expectedText, setExpectedText] = useState(toText(output));
  const submit = () =>
    add.mutate({
      datasetId: chosen,
      body: {
        input: fromText(inputText),
        expectedOutput: fromText(expectedText),
        sourceTraceId: source.traceId,
        sourceObservationId: source.observationId,
      },
    });
  return (
    <ModalDialog
      title="Add to dataset"
      width="lg"
      description={`From this ${source.observationId ? "observation" : "trace"}: edit the input and the expected output first if you like. Text that is valid JSON is stored as JSON.`}
      onClose={onClose}
      footer={(close) =>
        add.data ? (
          <Button onClick={close}>Done</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button onClick={submit} disabled={!chosen || inputText.trim() === "" || add.isPending}>
              {add.isPending ? "Adding…" : "Add item"}
            </Button>
          </>
        )
      }
    >
      {add.data ? (
        <p role="status" className="text-sm" data-testid="added-to-dataset">
          Added to <span className="font-medium">{list.find((d) => d.id === add.data.datasetId)?.name}</span>.{" "}
          <Link className="text-accent underline-offset-2 hover:underline" href={projectRoutes(projectId).dataset(add.data.datasetId)}>
            Open the dataset
          </Link>
        </p>
      ) : choice.none ? (
        <NoDatasetYet projectId={projectId} what="items" />
      ) : (
        <div className="space-y-3">
          <DatasetChoiceField choice={choice} id="add-item-dataset" />
          <PayloadField id="add-item-input" label="Input" rows={8} value={inputText} onChange={setInputText} />
          <PayloadField
            id="add-item-expected"
            label="Expected output (optional)"
            rows={6}
            value={expectedText}
            onChange={setExpectedText}
          />
          <FormError message={add.error?.message ?? datasets.error?.message ?? null} />
        </div>
      )}
    </ModalDialog>
  );
}

function PayloadField(props: { id: string; label: string; rows: number; value: string; onChange: (text: string) => void }) {
  return (
    <Field label={props.label} htmlFor={props.id}>
      <Textarea
        id={props.id}
        rows={props.rows}
        className="font-mono text-xs"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Field>
  );
}
