"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field, Input } from "@/components/ui/input";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Textarea } from "@/components/ui/textarea";
import { projectRoutes } from "@/lib/shared/routes";
import { useCreateDataset } from "../hooks/use-datasets";

/** Creates an empty dataset and opens it, where items are imported from a file or added by the SDK. */
export function NewDatasetDialog({ projectId, folder, onClose }: { projectId: string; folder: string; onClose: () => void }) {
  const router = useRouter();
  const create = useCreateDataset(projectId);
  const [name, setName] = useState(folder ? `${folder}/` : "");
  const [description, setDescription] = useState("");
  const submit = () =>
    create.mutate(
      { name: name.trim(), description: description.trim() || undefined },
      { onSuccess: (d) => router.push(projectRoutes(projectId).dataset(d.id)) },
    );
  return (
    <ModalDialog
      title="New dataset"
      description="A set of test cases (an input, optionally the expected output) that experiments run over."
      onClose={onClose}
      footer={(close) => (
        <>
          <Button type="button" variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form="new-dataset-form" disabled={create.isPending || name.trim() === ""}>
            {create.isPending ? "Creating…" : "Create dataset"}
          </Button>
        </>
      )}
    >
      <form
        id="new-dataset-form"
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field label="Name" htmlFor="new-dataset-name">
          <Input
            id="new-dataset-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="support/golden-answers"
            autoComplete="off"
            autoFocus
          />
        </Field>
        <p className="-mt-1 text-xs text-muted-foreground">A / in the name puts the dataset in a folder.</p>
        <Field label="Description (optional)" htmlFor="new-dataset-description">
          <Textarea id="new-dataset-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <FormError message={create.error?.message ?? null} />
      </form>
    </ModalDialog>
  );
}
