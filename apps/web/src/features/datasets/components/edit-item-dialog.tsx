"use client";

import type { TDatasetItemDetail } from "@loupe/contracts";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field } from "@/components/ui/input";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/states";
import { Select, Textarea } from "@/components/ui/textarea";
import { useDatasetItem, useEditDatasetItem } from "../hooks/use-experiments";

const FIELDS = [
  { key: "input", label: "Input", required: true },
  { key: "expectedOutput", label: "Expected output", required: false },
  { key: "metadata", label: "Metadata", required: false },
] as const;
type FieldKey = (typeof FIELDS)[number]["key"];

const asText = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v, null, 2));

/** The JSON a field's text stands for, or why it is not JSON; empty means null (not for the input). */
function parseField(text: string, required: boolean): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text.trim() === "") return required ? { ok: false, error: "An item needs an input" } : { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${(error as Error).message}. Strings need quotes: "like this".` };
  }
}

/** Shows one item and, for members, edits it: each save becomes the item's next version. */
export function EditItemDialog({
  projectId,
  datasetId,
  itemId,
  canEdit,
  onClose,
}: {
  projectId: string;
  datasetId: string;
  itemId: string;
  canEdit: boolean;
  onClose: () => void;
}) {
  const item = useDatasetItem(projectId, datasetId, itemId);
  return (
    <ModalDialog
      title={canEdit ? "Edit item" : "Item"}
      description={<span className="font-mono">{itemId}</span>}
      width="lg"
      onClose={onClose}
      footer={(close) =>
        item.data && canEdit ? (
          <ItemFormFooter close={close} />
        ) : (
          <Button variant="secondary" onClick={close}>
            Close
          </Button>
        )
      }
    >
      {item.isError ? (
        <ErrorState title="Could not load the item" message={item.error.message} onRetry={() => item.refetch()} />
      ) : item.data ? (
        <ItemForm key={item.data.id} projectId={projectId} datasetId={datasetId} item={item.data} canEdit={canEdit} />
      ) : (
        <div className="space-y-3">
          <Skeleton className="h-28 w-full" />
          <Skeleton className="h-20 w-full" />
        </div>
      )}
    </ModalDialog>
  );
}

function ItemFormFooter({ close }: { close: () => void }) {
  return (
    <>
      <Button type="button" variant="secondary" onClick={close}>
        Cancel
      </Button>
      <Button type="submit" form="edit-item-form">
        Save as new version
      </Button>
    </>
  );
}

function ItemForm({
  projectId,
  datasetId,
  item,
  canEdit,
}: {
  projectId: string;
  datasetId: string;
  item: TDatasetItemDetail;
  canEdit: boolean;
}) {
  const save = useEditDatasetItem(projectId, datasetId, item.id);
  const [texts, setTexts] = useState<Record<FieldKey, string>>({
    input: asText(item.input),
    expectedOutput: asText(item.expectedOutput),
    metadata: asText(item.metadata),
  });
  const [status, setStatus] = useState(item.status);
  const [saved, setSaved] = useState(false);
  const parsed = Object.fromEntries(FIELDS.map((f) => [f.key, parseField(texts[f.key], f.required)])) as Record<
    FieldKey,
    ReturnType<typeof parseField>
  >;
  const invalid = FIELDS.some((f) => !parsed[f.key].ok);
  const submit = () => {
    if (invalid || save.isPending) return;
    const value = (k: FieldKey) => (parsed[k] as { value: unknown }).value;
    save.mutate(
      { version: item.version, status, input: value("input"), expectedOutput: value("expectedOutput"), metadata: value("metadata") },
      { onSuccess: () => setSaved(true) },
    );
  };
  return (
    <form
      id="edit-item-form"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="flex flex-wrap items-center gap-3 text-xs text-muted-foreground">
        <span>Version {item.version}</span>
        {item.sourceTraceId ? <span className="font-mono">from trace {item.sourceTraceId}</span> : null}
        <label className="ml-auto flex items-center gap-2 text-sm text-foreground">
          Status
          <Select
            aria-label="Status"
            className="w-32"
            value={status}
            disabled={!canEdit}
            onChange={(e) => setStatus(e.target.value as typeof status)}
          >
            <option value="ACTIVE">Active</option>
            <option value="ARCHIVED">Archived</option>
          </Select>
        </label>
      </div>
      {FIELDS.map((f) => {
        const result = parsed[f.key];
        return (
          <Field key={f.key} label={`${f.label} (JSON)`} htmlFor={`item-${f.key}`} error={result.ok ? undefined : result.error}>
            <Textarea
              id={`item-${f.key}`}
              rows={f.key === "input" ? 8 : 5}
              className="font-mono text-xs"
              spellCheck={false}
              readOnly={!canEdit}
              aria-invalid={!result.ok}
              value={texts[f.key]}
              onChange={(e) => {
                setSaved(false);
                setTexts((t) => ({ ...t, [f.key]: e.target.value }));
              }}
            />
          </Field>
        );
      })}
      {status === "ARCHIVED" ? (
        <p className="text-xs text-muted-foreground">Archived items stay in the history and in earlier runs; new runs skip them.</p>
      ) : null}
      <FormError message={save.error?.message ?? null} />
      {saved && !save.error ? (
        <p role="status" className="text-xs text-accent">
          Saved as version {item.version}.
        </p>
      ) : null}
      {/* Enter in a textarea adds a line; the footer's button submits. */}
      {invalid && canEdit ? <p className="text-xs text-danger">Fix the fields marked above to save.</p> : null}
    </form>
  );
}
