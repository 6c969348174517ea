"use client";

import type { TExperimentVariableMapping, TStartExperimentBody } from "@loupe/contracts";
import { promptPlaceholders, promptVariables } from "@loupe/domain";
import Link from "next/link";
import { useState } from "react";
import { useEvaluators } from "@/lib/client/use-evaluators";
import { useLlmConnections } from "@/features/llm-connections";
import { usePromptDetail, usePromptList } from "@/features/prompts";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field, Input } from "@/components/ui/input";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { Select } from "@/components/ui/textarea";
import { projectRoutes } from "@/lib/shared/routes";
import { useStartExperiment } from "../hooks/use-experiments";
import { EvaluatorPicker, ModelConfigRows, type ModelDraft, newModelDraft } from "./experiment-fields";

/** "label:production" or "version:3": how the picked prompt version is named. */
type PromptChoice = string;

function toRef(name: string, choice: PromptChoice): TStartExperimentBody["prompt"] {
  const [kind, value] = [choice.slice(0, choice.indexOf(":")), choice.slice(choice.indexOf(":") + 1)];
  return kind === "version" ? { name, version: Number(value) } : { name, label: value };
}

const numberOrUndefined = (s: string) => (s.trim() === "" ? undefined : Number(s));

/** Runs a prompt version with one or more model configurations over the dataset's active items, on the worker. */
export function RunExperimentDialog({ projectId, datasetId, onClose }: { projectId: string; datasetId: string; onClose: () => void }) {
  const prompts = usePromptList(projectId, {});
  const connections = useLlmConnections(projectId);
  const evaluators = useEvaluators(projectId);
  const start = useStartExperiment(projectId, datasetId);
  const [runName, setRunName] = useState("");
  const [description, setDescription] = useState("");
  const [promptName, setPromptName] = useState("");
  const [choice, setChoice] = useState<PromptChoice>("");
  const [models, setModels] = useState<ModelDraft[] | null>(null);
  const [chosen, setChosen] = useState<Record<string, TExperimentVariableMapping[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const detail = usePromptDetail(projectId, promptName, promptName !== "");

  const connectionList = connections.data ?? [];
  const modelRows = models ?? (connectionList.length > 0 ? [newModelDraft(connectionList)] : []);
  const versions = detail.data?.versions ?? [];
  const versionsLoading = promptName !== "" && detail.isPending;
  const labels = [...new Set(versions.flatMap((v) => v.labels))];
  const effectiveChoice =
    choice || (labels.includes("production") ? "label:production" : versions[0] ? `version:${versions[0].version}` : "");
  const picked = effectiveChoice.startsWith("version:")
    ? versions.find((v) => `version:${v.version}` === effectiveChoice)
    : versions.find((v) => v.labels.includes(effectiveChoice.slice("label:".length)));
  const variables = picked ? [...promptVariables(picked.prompt), ...promptPlaceholders(picked.prompt)] : [];

  const submit = () => {
    setFormError(null);
    if (!promptName || !effectiveChoice) return setFormError("Pick a prompt and its version");
    const bad = modelRows.find((m) => {
      const t = numberOrUndefined(m.temperature);
      const k = numberOrUndefined(m.maxTokens);
      return (t !== undefined && !(t >= 0 && t <= 2)) || (k !== undefined && !(Number.isInteger(k) && k >= 1));
    });
    if (bad) return setFormError("Temperature is a number from 0 to 2, max tokens a whole number of at least 1");
    start.mutate(
      {
        runName: runName.trim(),
        description: description.trim() || undefined,
        prompt: toRef(promptName, effectiveChoice),
        models: modelRows.map((m) => ({
          connectionId: m.connectionId,
          model: m.model.trim(),
          params: { temperature: numberOrUndefined(m.temperature), maxTokens: numberOrUndefined(m.maxTokens) },
        })),
        evaluators: Object.entries(chosen).map(([evaluatorId, mapping]) => ({ evaluatorId, mapping })),
      },
      { onSuccess: () => onClose() },
    );
  };

  const loading = prompts.isPending || connections.isPending || evaluators.isPending;
  const noPrompts = prompts.data?.data.length === 0;
  const noConnections = connections.data?.length === 0;
  return (
    <ModalDialog
      title="Run experiment"
      description="Runs a prompt version over every active item of this dataset on the worker; each model configuration becomes its own run."
      width="lg"
      onClose={onClose}
      footer={(close) => (
        <>
          <Button type="button" variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button
            type="submit"
            form="run-experiment-form"
            // Until the picked prompt's versions are loaded there is no version to start with.
            disabled={start.isPending || loading || versionsLoading || noPrompts || noConnections || runName.trim() === ""}
          >
            {start.isPending ? "Starting…" : versionsLoading ? "Loading the prompt…" : "Start experiment"}
          </Button>
        </>
      )}
    >
      {loading ? (
        <div className="space-y-3">
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-2/3" />
          <Skeleton className="h-24 w-full" />
        </div>
      ) : (
        <form
          id="run-experiment-form"
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Run name" htmlFor="experiment-run-name">
              <Input
                id="experiment-run-name"
                value={runName}
                onChange={(e) => setRunName(e.target.value)}
                placeholder="gpt-4o-mini, prompt v3"
                autoComplete="off"
                autoFocus
              />
            </Field>
            <Field label="Description (optional)" htmlFor="experiment-description">
              <Input id="experiment-description" value={description} onChange={(e) => setDescription(e.target.value)} />
            </Field>
          </div>

          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Prompt</legend>
            {noPrompts ? (
              <p className="text-sm text-muted-foreground">
                This project has no prompts yet.{" "}
                <Link className="text-accent hover:underline" href={projectRoutes(projectId).prompts}>
                  Create one
                </Link>{" "}
                with {"{{variables}}"} named like the keys of the items' input.
              </p>
            ) : (
              <div className="flex flex-wrap gap-2">
                <Select
                  aria-label="Prompt name"
                  className="w-64"
                  value={promptName}
                  onChange={(e) => {
                    setPromptName(e.target.value);
                    setChoice("");
                    start.reset();
                  }}
                >
                  <option value="">Pick a prompt…</option>
                  {(prompts.data?.data ?? []).map((p) => (
                    <option key={p.name} value={p.name}>
                      {p.name}
                    </option>
                  ))}
                </Select>
                <Select
                  aria-label="Prompt version"
                  className="w-56"
                  value={effectiveChoice}
                  disabled={versions.length === 0}
                  onChange={(e) => setChoice(e.target.value)}
                >
                  {labels.map((l) => (
                    <option key={`label:${l}`} value={`label:${l}`}>
                      label {l}
                    </option>
                  ))}
                  {versions.map((v) => (
                    <option key={v.version} value={`version:${v.version}`}>
                      version {v.version}
                    </option>
                  ))}
                </Select>
              </div>
            )}
            {picked ? (
              <p className="text-xs text-muted-foreground" data-testid="experiment-variables">
                {variables.length > 0
                  ? `Each item's input fills ${variables.map((v) => `{{${v}}}`).join(", ")} by key; an item without one fails with the reason.`
                  : "This prompt has no variables: every item sends the same messages."}
              </p>
            ) : null}
          </fieldset>

          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Models</legend>
            {noConnections ? (
              <p className="text-sm text-muted-foreground">
                No LLM connection yet.{" "}
                <Link className="text-accent hover:underline" href={projectRoutes(projectId).llmConnections}>
                  Add one
                </Link>{" "}
                in the settings first.
              </p>
            ) : (
              <ModelConfigRows connections={connectionList} models={modelRows} onChange={setModels} />
            )}
          </fieldset>

          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Evaluators (optional)</legend>
            <EvaluatorPicker evaluators={evaluators.data?.data ?? []} chosen={chosen} onChange={setChosen} />
          </fieldset>

          <FormError message={formError ?? start.error?.message ?? null} />
        </form>
      )}
    </ModalDialog>
  );
}
