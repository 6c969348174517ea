"use client";

import {
  EXPERIMENT_MAPPING_SOURCES,
  type ExperimentMappingSource,
  MAX_EXPERIMENT_MODELS,
  type TEvaluator,
  type TExperimentVariableMapping,
  type TPlaygroundConnection,
} from "@loupe/contracts";
import { Plus, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/textarea";

// The model configurations and evaluators of the Run experiment dialog.

export type ModelDraft = { connectionId: string; model: string; temperature: string; maxTokens: string };

export const newModelDraft = (connections: TPlaygroundConnection[]): ModelDraft => ({
  connectionId: connections[0]?.id ?? "",
  model: connections[0]?.models[0] ?? "",
  temperature: "",
  maxTokens: "",
});

export function ModelConfigRows({
  connections,
  models,
  onChange,
}: {
  connections: TPlaygroundConnection[];
  models: ModelDraft[];
  onChange: (m: ModelDraft[]) => void;
}) {
  const update = (i: number, patch: Partial<ModelDraft>) => onChange(models.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <div className="space-y-2">
      {models.map((m, i) => {
        const connection = connections.find((c) => c.id === m.connectionId);
        const listId = `experiment-models-${i}`;
        return (
          <div key={i} className="flex flex-wrap items-center gap-2 rounded-md border p-2" data-testid="experiment-model">
            <Select
              aria-label={`Connection ${i + 1}`}
              className="w-40"
              value={m.connectionId}
              onChange={(e) => {
                const next = connections.find((c) => c.id === e.target.value);
                update(i, { connectionId: e.target.value, model: next?.models[0] ?? "" });
              }}
            >
              {connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.provider}
                </option>
              ))}
            </Select>
            <Input
              aria-label={`Model ${i + 1}`}
              className="h-8 w-48 min-w-0 flex-1"
              list={listId}
              value={m.model}
              placeholder="model"
              onChange={(e) => update(i, { model: e.target.value })}
            />
            <datalist id={listId}>
              {(connection?.models ?? []).map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
            <Input
              aria-label={`Temperature ${i + 1}`}
              className="h-8 w-28"
              inputMode="decimal"
              placeholder="temperature"
              value={m.temperature}
              onChange={(e) => update(i, { temperature: e.target.value })}
            />
            <Input
              aria-label={`Max tokens ${i + 1}`}
              className="h-8 w-28"
              inputMode="numeric"
              placeholder="max tokens"
              value={m.maxTokens}
              onChange={(e) => update(i, { maxTokens: e.target.value })}
            />
            {models.length > 1 ? (
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove model ${i + 1}`}
                onClick={() => onChange(models.filter((_, j) => j !== i))}
              >
                <X className="h-3.5 w-3.5" aria-hidden />
              </Button>
            ) : null}
          </div>
        );
      })}
      {models.length < MAX_EXPERIMENT_MODELS ? (
        <Button size="sm" variant="secondary" onClick={() => onChange([...models, newModelDraft(connections)])}>
          <Plus className="h-3.5 w-3.5" aria-hidden /> Add a model to compare
        </Button>
      ) : null}
    </div>
  );
}

const SOURCE_LABEL: Record<ExperimentMappingSource, string> = {
  input: "item input",
  expectedOutput: "item expected output",
  output: "run output",
  metadata: "item metadata",
};

/** A first guess per variable by its name; anything else reads the input key of that name. */
function defaultExperimentMapping(variables: string[]): TExperimentVariableMapping[] {
  return variables.map((variable) => {
    const v = variable.toLowerCase();
    if (/^(output|answer|response|generation|completion|prediction)$/.test(v)) return { variable, source: "output", jsonPath: null };
    if (/^(expected_?output|reference|ground_?truth|expected|gold)$/.test(v)) return { variable, source: "expectedOutput", jsonPath: null };
    if (/^(input|query|question|prompt)$/.test(v)) return { variable, source: "input", jsonPath: null };
    return { variable, source: "input", jsonPath: `$.${variable}` };
  });
}

export function EvaluatorPicker({
  evaluators,
  chosen,
  onChange,
}: {
  evaluators: TEvaluator[];
  chosen: Record<string, TExperimentVariableMapping[]>;
  onChange: (c: Record<string, TExperimentVariableMapping[]>) => void;
}) {
  if (evaluators.length === 0)
    return (
      <p className="text-xs text-muted-foreground">
        This project has no evaluators yet; add one under Evaluation → Evaluators to score runs.
      </p>
    );
  const toggle = (e: TEvaluator) => {
    const next = { ...chosen };
    if (next[e.evaluatorId]) delete next[e.evaluatorId];
    else next[e.evaluatorId] = defaultExperimentMapping(e.variables);
    onChange(next);
  };
  const update = (id: string, i: number, patch: Partial<TExperimentVariableMapping>) =>
    onChange({ ...chosen, [id]: (chosen[id] ?? []).map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  return (
    <ul className="divide-y rounded-md border">
      {evaluators.map((e) => {
        const mapping = chosen[e.evaluatorId];
        return (
          <li key={e.evaluatorId} className="px-3 py-2 text-sm" data-testid="experiment-evaluator">
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={Boolean(mapping)} onChange={() => toggle(e)} />
              <span className="min-w-0 truncate font-medium">{e.name}</span>
              <span className="text-xs text-muted-foreground">
                v{e.version} · {e.model ?? "no model"}
              </span>
            </label>
            {mapping && mapping.length > 0 ? (
              <div className="mt-2 space-y-1 pl-6">
                {mapping.map((m, i) => (
                  <div key={m.variable} className="flex flex-wrap items-center gap-2 text-xs">
                    <span className="w-32 truncate font-mono">{`{{${m.variable}}}`}</span>
                    <Select
                      aria-label={`${e.name} ${m.variable} from`}
                      className="h-7 w-44 text-xs"
                      value={m.source}
                      onChange={(ev) => update(e.evaluatorId, i, { source: ev.target.value as ExperimentMappingSource })}
                    >
                      {EXPERIMENT_MAPPING_SOURCES.map((s) => (
                        <option key={s} value={s}>
                          {SOURCE_LABEL[s]}
                        </option>
                      ))}
                    </Select>
                    <Input
                      aria-label={`${e.name} ${m.variable} JSONPath`}
                      className="h-7 w-40 text-xs"
                      placeholder="JSONPath (optional)"
                      value={m.jsonPath ?? ""}
                      onChange={(ev) => update(e.evaluatorId, i, { jsonPath: ev.target.value || null })}
                    />
                  </div>
                ))}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
