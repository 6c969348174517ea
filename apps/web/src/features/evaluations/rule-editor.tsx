"use client";

import {
  type EvalTarget,
  OBSERVATION_TYPES,
  type ObservationType,
  type TEvalRule,
  type TVariableMapping,
  ZEvalRule,
  ZMappingPreviewResponse,
} from "@loupe/contracts";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { PageHeader } from "@/components/layout/app-shell";
import { FilterBar } from "@/components/ui/filter-bar";
import { FormActions } from "@/components/ui/form-actions";
import { Field, Input } from "@/components/ui/input";
import { PageSkeleton } from "@/components/ui/skeleton";
import { Select } from "@/components/ui/textarea";
import { OBSERVATION_FILTER_FIELDS, TRACE_FILTER_FIELDS } from "@/features/traces";
import { apiFetch } from "@/lib/client/api-client";
import type { ListQueryState } from "@/lib/client/use-list-query";
import { projectRoutes } from "@/lib/shared/routes";
import { evaluationsApi, useEvaluators, useInvalidateEvaluations, useRule } from "./hooks";
import { defaultMapping, MappingFields } from "./mapping-fields";

type Draft = {
  name: string;
  evaluatorId: string;
  target: EvalTarget;
  observationType: ObservationType;
  filter: Record<string, string>;
  mapping: TVariableMapping[];
  samplingPercent: string;
  delaySeconds: string;
  runOnNew: boolean;
  backfill: boolean;
  backfillFrom: string;
  backfillTo: string;
};

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 16);
const fromRule = (r: TEvalRule | undefined): Draft => ({
  name: r?.name ?? "",
  evaluatorId: r?.evaluatorId ?? "",
  target: r?.target ?? "trace",
  observationType: r?.observationType ?? "GENERATION",
  filter: Object.fromEntries(Object.entries(r?.filter ?? {}).filter(([k]) => k !== "type")),
  mapping: r?.mapping ?? [],
  samplingPercent: String(Math.round((r?.sampling ?? 1) * 1000) / 10),
  delaySeconds: String(r?.delaySeconds ?? 0),
  runOnNew: r?.runOnNew ?? true,
  backfill: !!r?.backfill,
  backfillFrom: r?.backfill?.from.slice(0, 16) ?? day(-1),
  backfillTo: r?.backfill?.to.slice(0, 16) ?? day(0),
});

/** The filter bar of the traces/observations tables, on a draft instead of the URL. */
function useDraftFilter(filter: Record<string, string>, onChange: (f: Record<string, string>) => void) {
  return {
    raw: filter,
    issues: [] as string[],
    set: (patch: Record<string, string | number | null>) => {
      const next = { ...filter };
      for (const [k, v] of Object.entries(patch)) {
        if (k === "page") continue;
        if (v === null || v === undefined || v === "") delete next[k];
        else next[k] = String(v);
      }
      onChange(next);
    },
    reset: () => onChange({}),
  } as unknown as Pick<ListQueryState, "raw" | "set" | "reset" | "issues">;
}

/** Create or edit a rule: target, table filters, sampling, timing, variable mapping with a live preview on real data. */
export function RuleEditor({ projectId, ruleId }: { projectId: string; ruleId?: string }) {
  const existing = useRule(projectId, ruleId ?? null);
  const evaluators = useEvaluators(projectId);
  const [draft, setDraft] = useState<Draft | null>(null);
  const router = useRouter();
  const invalidate = useInvalidateEvaluations(projectId);
  useEffect(() => {
    if (!draft && (!ruleId || existing.data)) setDraft(fromRule(existing.data));
  }, [draft, ruleId, existing.data]);

  const evaluator = evaluators.data?.data.find((e) => e.evaluatorId === draft?.evaluatorId);
  // A new evaluator brings its own variables: keep what still applies, default the rest.
  const variablesKey = evaluator?.variables.join(",");
  useEffect(() => {
    if (evaluator && draft) setDraft((d) => (d ? { ...d, mapping: defaultMapping(evaluator.variables, d.mapping) } : d));
  }, [variablesKey]);

  const filterState = useDraftFilter(draft?.filter ?? {}, (filter) => draft && setDraft({ ...draft, filter }));
  const previewBody = useMemo(
    () =>
      draft && {
        target: draft.target,
        observationType: draft.target === "observation" ? draft.observationType : null,
        filter: draft.filter,
        mapping: draft.mapping.map((m) => ({ ...m, jsonPath: m.jsonPath || null })),
        evaluatorId: draft.evaluatorId || null,
      },
    [draft],
  );
  const preview = useQuery({
    queryKey: ["evaluation-preview", projectId, JSON.stringify(previewBody)],
    queryFn: () => apiFetch(ZMappingPreviewResponse, `${evaluationsApi(projectId)}/preview`, { method: "POST", body: previewBody }),
    enabled: !!previewBody && previewBody.mapping.length > 0,
    placeholderData: (prev) => prev,
  });
  const save = useMutation({
    mutationFn: (body: unknown) =>
      apiFetch(ZEvalRule, `${evaluationsApi(projectId)}/rules${ruleId ? `/${encodeURIComponent(ruleId)}` : ""}`, {
        method: ruleId ? "PUT" : "POST",
        body,
      }),
    onSuccess: async (rule) => {
      await invalidate();
      router.push(projectRoutes(projectId).evaluationRule(rule.id));
    },
  });

  if (!draft) return <PageSkeleton />;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      name: draft.name,
      evaluatorId: draft.evaluatorId,
      target: draft.target,
      observationType: draft.target === "observation" ? draft.observationType : null,
      filter: draft.filter,
      mapping: previewBody?.mapping ?? [],
      sampling: Number(draft.samplingPercent) / 100,
      delaySeconds: Number(draft.delaySeconds || 0),
      runOnNew: draft.runOnNew,
      backfill: draft.backfill ? { from: new Date(draft.backfillFrom).toISOString(), to: new Date(draft.backfillTo).toISOString() } : null,
      enabled: existing.data?.enabled ?? true,
    });
  };

  return (
    <div>
      <PageHeader
        title={ruleId ? `Edit ${existing.data?.name ?? "rule"}` : "New evaluation rule"}
        description="Which data an evaluator scores, how its variables are filled, and how much of it."
      />
      <form onSubmit={submit} className="max-w-6xl space-y-5 p-5">
        <div className="grid gap-4 min-[900px]:grid-cols-3">
          <Field label="Name" htmlFor="rule-name">
            <Input id="rule-name" value={draft.name} onChange={(e) => set({ name: e.target.value })} placeholder="helpfulness on chat" />
          </Field>
          <Field label="Evaluator" htmlFor="rule-evaluator">
            <Select id="rule-evaluator" className="h-9" value={draft.evaluatorId} onChange={(e) => set({ evaluatorId: e.target.value })}>
              <option value="">{evaluators.data?.data.length === 0 ? "No evaluators yet: create one first" : "Pick an evaluator"}</option>
              {evaluators.data?.data.map((e) => (
                <option key={e.evaluatorId} value={e.evaluatorId}>
                  {e.name} (v{e.version})
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Scores" htmlFor="rule-target">
            <div className="flex gap-2">
              <Select
                id="rule-target"
                className="h-9"
                value={draft.target}
                onChange={(e) => set({ target: e.target.value as EvalTarget, filter: {} })}
              >
                <option value="trace">traces</option>
                <option value="observation">observations</option>
              </Select>
              {draft.target === "observation" ? (
                <Select
                  aria-label="Observation type"
                  className="h-9"
                  value={draft.observationType}
                  onChange={(e) => set({ observationType: e.target.value as ObservationType })}
                >
                  {OBSERVATION_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {t.toLowerCase()}
                    </option>
                  ))}
                </Select>
              ) : null}
            </div>
          </Field>
        </div>
        <section>
          <h2 className="mb-1 text-sm font-medium">Which {draft.target}s</h2>
          <p className="mb-2 text-xs text-muted-foreground">
            The same filters as the {draft.target}s table. The judge's own traces (environment loupe-evaluation) are never matched.
          </p>
          {/* Enter commits a filter field; it must not submit the rule form around it. */}
          <div onKeyDown={(e) => e.key === "Enter" && e.target instanceof HTMLInputElement && e.preventDefault()}>
            <FilterBar
              state={filterState}
              fields={draft.target === "trace" ? TRACE_FILTER_FIELDS : OBSERVATION_FILTER_FIELDS.filter((f) => f.key !== "type")}
              searchPlaceholder={draft.target === "trace" ? "Search id, name, input, output" : "Search id, name, trace id"}
              timeRange={false}
            />
          </div>
        </section>
        <div className="grid gap-4 min-[900px]:grid-cols-4">
          <Field label="Sampling (%)" htmlFor="rule-sampling">
            <Input
              id="rule-sampling"
              type="number"
              min="0.1"
              max="100"
              step="any"
              value={draft.samplingPercent}
              onChange={(e) => set({ samplingPercent: e.target.value })}
            />
          </Field>
          <Field label="Delay (seconds, for late spans)" htmlFor="rule-delay">
            <Input
              id="rule-delay"
              type="number"
              min="0"
              max="86400"
              value={draft.delaySeconds}
              onChange={(e) => set({ delaySeconds: e.target.value })}
            />
          </Field>
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input type="checkbox" checked={draft.runOnNew} onChange={(e) => set({ runOnNew: e.target.checked })} /> Run on new data
          </label>
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input type="checkbox" checked={draft.backfill} onChange={(e) => set({ backfill: e.target.checked })} /> Backfill a time range
          </label>
        </div>
        {draft.backfill ? (
          <div className="grid max-w-xl grid-cols-2 gap-3">
            <Field label="From" htmlFor="rule-from">
              <Input
                id="rule-from"
                type="datetime-local"
                value={draft.backfillFrom}
                onChange={(e) => set({ backfillFrom: e.target.value })}
              />
            </Field>
            <Field label="To" htmlFor="rule-to">
              <Input id="rule-to" type="datetime-local" value={draft.backfillTo} onChange={(e) => set({ backfillTo: e.target.value })} />
            </Field>
          </div>
        ) : null}
        <section>
          <h2 className="mb-1 text-sm font-medium">Variables</h2>
          <p className="mb-2 text-xs text-muted-foreground">
            {preview.data?.traceId
              ? `Preview on the newest matching trace, ${preview.data.traceId}.`
              : preview.data
                ? "Nothing matches the filter yet: the preview fills in when matching data arrives."
                : "Pick an evaluator to map its variables."}
          </p>
          <MappingFields target={draft.target} mapping={draft.mapping} onChange={(mapping) => set({ mapping })} preview={preview.data} />
          {preview.isError ? <p className="mt-2 text-xs text-danger">{preview.error.message}</p> : null}
        </section>
        <FormActions
          error={save.isError ? save.error.message : null}
          pending={save.isPending}
          submitLabel={ruleId ? "Save rule" : "Create rule"}
          onCancel={() => router.push(projectRoutes(projectId).evaluationRules)}
        />
      </form>
    </div>
  );
}
