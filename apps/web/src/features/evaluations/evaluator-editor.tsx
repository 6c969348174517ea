"use client";

import { type TEvalOutputDefinition, ZEvaluator, ZEvaluatorBody } from "@loupe/contracts";
import { extractVariables, fillVariables } from "@loupe/domain";
import { useMutation } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { PageHeader } from "@/components/layout/app-shell";
import { FormActions } from "@/components/ui/form-actions";
import { Field, Input } from "@/components/ui/input";
import { PageSkeleton } from "@/components/ui/skeleton";
import { Select, Textarea } from "@/components/ui/textarea";
import { useLlmConnections } from "@/features/llm-connections";
import { apiFetch } from "@/lib/client/api-client";
import { projectRoutes } from "@/lib/shared/routes";
import { evaluationsApi, useEvaluator, useEvaluatorLibrary, useInvalidateEvaluations } from "./hooks";
import { OutputDefinitionFields } from "./output-definition-fields";

type Draft = {
  name: string;
  prompt: string;
  outputDefinition: TEvalOutputDefinition;
  connectionId: string;
  model: string;
  libraryKey: string | null;
};

const BLANK: Draft = {
  name: "",
  prompt: "Judge the answer.\n\nQuestion:\n{{input}}\n\nAnswer:\n{{output}}",
  outputDefinition: {
    dataType: "NUMERIC",
    reasoning: { description: "One or two sentences on why." },
    score: { description: "0 = bad, 1 = good", minValue: 0, maxValue: 1 },
  },
  connectionId: "",
  model: "",
  libraryKey: null,
};

/** New evaluator (blank or from a library template) or the next version of an existing one, with a live variable preview. */
export function EvaluatorEditor({ projectId }: { projectId: string }) {
  const search = useSearchParams();
  const template = search.get("template");
  const evaluatorId = search.get("evaluator");
  const library = useEvaluatorLibrary(projectId);
  const existing = useEvaluator(projectId, evaluatorId);
  const connections = useLlmConnections(projectId);
  const router = useRouter();
  const invalidate = useInvalidateEvaluations(projectId);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [samples, setSamples] = useState<Record<string, string>>({});

  // The starting point arrives asynchronously (a template, the latest version); take it once.
  useEffect(() => {
    if (draft) return;
    if (evaluatorId && existing.data) {
      const e = existing.data;
      setDraft({
        name: e.name,
        prompt: e.prompt,
        outputDefinition: e.outputDefinition,
        connectionId: e.connectionId ?? "",
        model: e.model ?? "",
        libraryKey: e.libraryKey,
      });
    } else if (template && library.data) {
      const t = library.data.data.find((x) => x.key === template);
      setDraft(t ? { ...BLANK, name: t.name, prompt: t.prompt, outputDefinition: t.outputDefinition, libraryKey: t.key } : BLANK);
    } else if (!evaluatorId && !template) setDraft(BLANK);
  }, [draft, evaluatorId, existing.data, template, library.data]);

  const variables = useMemo(() => extractVariables(draft?.prompt ?? ""), [draft?.prompt]);
  const connection = connections.data?.find((c) => c.id === draft?.connectionId);
  const save = useMutation({
    mutationFn: (body: unknown) => apiFetch(ZEvaluator, `${evaluationsApi(projectId)}/evaluators`, { method: "POST", body }),
    onSuccess: async () => {
      await invalidate();
      router.push(projectRoutes(projectId).evaluators);
    },
  });

  if (!draft) return <PageSkeleton />;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = ZEvaluatorBody.safeParse(draft);
    if (!parsed.success) {
      save.reset();
      save.mutate(draft); // the server names the field; keeps one error path
      return;
    }
    save.mutate(parsed.data);
  };

  return (
    <div>
      <PageHeader
        title={evaluatorId ? `${draft.name}: new version` : "New evaluator"}
        description={
          evaluatorId
            ? `Saving creates version ${(existing.data?.version ?? 0) + 1}; rules use it from their next evaluation.`
            : "Saved as version 1."
        }
      />
      <form onSubmit={submit} className="grid max-w-6xl gap-5 p-5 min-[1100px]:grid-cols-[1fr_360px]">
        <div className="space-y-4">
          <Field label="Name" htmlFor="eval-name">
            <Input
              id="eval-name"
              value={draft.name}
              readOnly={!!evaluatorId}
              onChange={(e) => set({ name: e.target.value })}
              placeholder="helpfulness"
            />
          </Field>
          <Field label="Judge prompt" htmlFor="eval-prompt">
            <Textarea
              id="eval-prompt"
              className="min-h-64 font-mono text-xs"
              value={draft.prompt}
              onChange={(e) => set({ prompt: e.target.value })}
            />
          </Field>
          <OutputDefinitionFields value={draft.outputDefinition} onChange={(outputDefinition) => set({ outputDefinition })} />
          <div className="grid gap-4 min-[900px]:grid-cols-2">
            <Field label="Judge connection" htmlFor="eval-connection">
              <Select
                id="eval-connection"
                className="h-9"
                value={draft.connectionId}
                onChange={(e) => set({ connectionId: e.target.value, model: "" })}
              >
                <option value="">{connections.data?.length === 0 ? "No LLM connections: add one in settings" : "Pick a connection"}</option>
                {connections.data?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.provider}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Judge model" htmlFor="eval-model">
              <Select
                id="eval-model"
                className="h-9"
                value={draft.model}
                onChange={(e) => set({ model: e.target.value })}
                disabled={!connection}
              >
                <option value="">Pick a model</option>
                {connection?.models.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <FormActions
            error={save.isError ? save.error.message : null}
            pending={save.isPending}
            submitLabel={evaluatorId ? "Save new version" : "Create evaluator"}
            onCancel={() => router.push(projectRoutes(projectId).evaluators)}
          />
        </div>
        <aside className="space-y-3 rounded-lg border bg-panel p-3" aria-label="Variable preview">
          <h2 className="text-sm font-semibold">Variables</h2>
          {variables.length === 0 ? (
            <p className="text-xs text-muted-foreground">
              Write {"{{name}}"} in the prompt for each value a rule fills in (input, output, context…).
            </p>
          ) : (
            variables.map((v) => (
              <Field key={v} label={`{{${v}}}`} htmlFor={`sample-${v}`}>
                <Input
                  id={`sample-${v}`}
                  className="h-8 text-xs"
                  placeholder="sample value"
                  value={samples[v] ?? ""}
                  onChange={(e) => setSamples({ ...samples, [v]: e.target.value })}
                />
              </Field>
            ))
          )}
          <h3 className="pt-2 text-xs font-medium text-muted-foreground">Prompt as the judge sees it</h3>
          <pre
            className="max-h-80 overflow-auto rounded-md border bg-background p-2 text-[11px] whitespace-pre-wrap"
            data-testid="prompt-preview"
          >
            {fillVariables(draft.prompt, Object.fromEntries(Object.entries(samples).filter(([, s]) => s !== "")))}
          </pre>
        </aside>
      </form>
    </div>
  );
}
