"use client";

import type { TPlaygroundConnection } from "@loupe/contracts";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field, Input } from "@/components/ui/input";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Select } from "@/components/ui/textarea";
import { useCreateVersion } from "@/features/prompts";
import { projectRoutes } from "@/lib/shared/routes";
import { type PlaygroundDraft, promptBodyFromDraft } from "./draft";

/**
 * "Save as prompt version": the messages and one column's model and parameters become a new version of
 * an existing prompt (the one the draft was opened from, by default) or the first of a new one. It
 * posts to the prompts API the prompt pages use, so names, content limits and label rules are the same.
 */
export function SavePromptDialog({
  projectId,
  draft,
  connections,
  onClose,
}: {
  projectId: string;
  draft: PlaygroundDraft;
  connections: TPlaygroundConnection[];
  onClose: () => void;
}) {
  const create = useCreateVersion(projectId);
  const [name, setName] = useState(draft.fromPrompt?.name ?? "");
  const [commitMessage, setCommitMessage] = useState("");
  const [columnId, setColumnId] = useState(draft.columns[0]?.id ?? "");
  const [invalid, setInvalid] = useState<string | null>(null);
  const column = draft.columns.find((c) => c.id === columnId) ?? draft.columns[0];
  const saved = create.data;
  const label = (i: number) => {
    const c = draft.columns[i];
    return `Column ${i + 1}: ${c?.model || "no model"}${c ? ` · ${connections.find((x) => x.id === c.connectionId)?.provider ?? ""}` : ""}`;
  };

  const submit = () => {
    setInvalid(null);
    if (!column) return;
    if (!name.trim()) return setInvalid("Give the prompt a name");
    const built = promptBodyFromDraft(draft, column, { name, commitMessage });
    if (!built.ok) return setInvalid(built.error);
    create.mutate(built.body);
  };

  return (
    <ModalDialog
      title="Save as prompt version"
      description="The messages (variables and placeholders unfilled) and the model and parameters of one column become a new version. Labels stay where they are: promote it from the prompt page."
      onClose={onClose}
      footer={(close) => (
        <>
          <Button type="button" variant="secondary" onClick={close}>
            {saved ? "Close" : "Cancel"}
          </Button>
          {saved ? null : (
            <Button type="submit" form="save-prompt-form" disabled={create.isPending}>
              {create.isPending ? "Saving…" : "Save version"}
            </Button>
          )}
        </>
      )}
    >
      {saved ? (
        <div className="space-y-2 text-sm" role="status" data-testid="save-prompt-done">
          <p>
            Saved <span className="font-mono">{saved.name}</span> version <span className="font-mono">{saved.version}</span>.
          </p>
          <Link
            className="text-accent underline-offset-2 hover:underline"
            href={projectRoutes(projectId).prompt(saved.name, saved.version)}
          >
            Open the prompt page
          </Link>
        </div>
      ) : (
        <form
          id="save-prompt-form"
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Field label="Prompt name" htmlFor="save-prompt-name">
            <Input
              id="save-prompt-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="support/triage"
              autoComplete="off"
            />
          </Field>
          <p className="-mt-1 text-xs text-muted-foreground">
            {draft.fromPrompt && name.trim() === draft.fromPrompt.name
              ? `Saved as the next version of '${draft.fromPrompt.name}' (the draft was opened from v${draft.fromPrompt.version}).`
              : "An existing prompt gets a new version; a new name creates the prompt."}
          </p>
          <Field label="Commit message" htmlFor="save-prompt-message">
            <Input
              id="save-prompt-message"
              value={commitMessage}
              onChange={(e) => setCommitMessage(e.target.value)}
              placeholder="What changed and why"
              autoComplete="off"
            />
          </Field>
          {draft.columns.length > 1 ? (
            <Field label="Model and parameters from" htmlFor="save-prompt-column">
              <Select id="save-prompt-column" value={column?.id} onChange={(e) => setColumnId(e.target.value)}>
                {draft.columns.map((c, i) => (
                  <option key={c.id} value={c.id}>
                    {label(i)}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <FormError message={invalid ?? create.error?.message ?? null} />
        </form>
      )}
    </ModalDialog>
  );
}
