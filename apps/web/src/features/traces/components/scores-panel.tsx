"use client";

import type { TScoreConfigItem, TScoreSummary } from "@loupe/contracts";
import { Plus } from "lucide-react";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ApiError } from "@/lib/client/api-client";
import { useAddScore, useScoreConfigs } from "../hooks/use-trace-detail";
import { Select } from "@/components/ui/textarea";

const SCORE_TYPES = ["NUMERIC", "CATEGORICAL", "BOOLEAN"] as const;
type ScoreType = (typeof SCORE_TYPES)[number];

function scoreText(s: TScoreSummary): string {
  if (s.dataType === "NUMERIC" && s.value !== null) return String(Math.round(s.value * 1000) / 1000);
  return s.stringValue ?? String(s.value ?? "—");
}

/** Scores of the trace (observationId null) or of one observation, and the form to add one by hand. */
export function ScoresPanel({
  projectId,
  traceId,
  observationId,
  scores,
  readOnly,
}: {
  projectId: string;
  traceId: string;
  observationId: string | null;
  scores: TScoreSummary[];
  readOnly: boolean;
}) {
  const [adding, setAdding] = useState(false);
  const mine = scores.filter((s) => s.observationId === observationId);
  return (
    <section className="overflow-hidden rounded-lg border" aria-label="Scores" data-testid="scores-panel">
      <div className="flex h-8 items-center border-b bg-panel px-3">
        <h3 className="text-xs font-medium text-muted-foreground">
          Scores <span className="tabular">({mine.length})</span>
        </h3>
        {!readOnly && !adding ? (
          <Button variant="ghost" size="sm" className="ml-auto h-6" onClick={() => setAdding(true)}>
            <Plus className="h-3.5 w-3.5" aria-hidden /> Add score
          </Button>
        ) : null}
      </div>
      {mine.length > 0 ? (
        <table className="w-full text-xs">
          <thead className="text-muted-foreground">
            <tr className="text-left">
              <th className="px-3 py-1.5 font-medium">Name</th>
              <th className="px-3 py-1.5 text-right font-medium">Value</th>
              <th className="px-3 py-1.5 font-medium">Source</th>
              <th className="px-3 py-1.5 font-medium">Comment</th>
              {readOnly ? null : <th className="px-3 py-1.5 font-medium">Author</th>}
            </tr>
          </thead>
          <tbody>
            {mine.map((s) => (
              <tr key={s.id} className="border-t" data-testid="score-row">
                <td className="max-w-[160px] truncate px-3 py-1.5 font-medium" title={s.name}>
                  {s.name}
                </td>
                <td className="px-3 py-1.5 text-right font-mono tabular">{scoreText(s)}</td>
                <td className="px-3 py-1.5">
                  <Badge tone={s.source === "ANNOTATION" || s.source === "EVAL" ? "accent" : "neutral"}>{s.source.toLowerCase()}</Badge>
                </td>
                {/* A judge's reasoning is the point of an eval score: shown whole, not cut to one line. */}
                <td
                  className={`px-3 py-1.5 text-muted-foreground ${s.source === "EVAL" ? "max-w-[360px] whitespace-pre-wrap" : "max-w-[240px] truncate"}`}
                  title={s.comment ?? undefined}
                  data-testid="score-comment"
                >
                  {s.comment ?? "—"}
                </td>
                {readOnly ? null : (
                  <td className="max-w-[160px] truncate px-3 py-1.5 text-muted-foreground" title={s.authorName ?? undefined}>
                    {s.authorName ?? "—"}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ) : !adding ? (
        <p className="px-3 py-2.5 text-xs text-muted-foreground italic">
          No scores{readOnly ? "" : " yet. Add one to record a judgement."}
        </p>
      ) : null}
      {adding ? <ScoreForm projectId={projectId} traceId={traceId} observationId={observationId} onDone={() => setAdding(false)} /> : null}
    </section>
  );
}

function Labelled({ htmlFor, label, children }: { htmlFor: string; label: string; children: React.ReactNode }) {
  return (
    <label className="block space-y-1 text-xs font-medium" htmlFor={htmlFor}>
      <span>{label}</span>
      {children}
    </label>
  );
}

function ScoreForm({
  projectId,
  traceId,
  observationId,
  onDone,
}: {
  projectId: string;
  traceId: string;
  observationId: string | null;
  onDone: () => void;
}) {
  const id = useId();
  const configs = useScoreConfigs(projectId, true);
  const add = useAddScore(projectId, traceId);
  const [configId, setConfigId] = useState("");
  const [name, setName] = useState("");
  const [type, setType] = useState<ScoreType>("NUMERIC");
  const [value, setValue] = useState("");
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const config: TScoreConfigItem | undefined = configs.data?.data.find((c) => c.id === configId);
  const dataType: ScoreType = config && config.dataType !== "TEXT" ? config.dataType : type;
  const usable = (configs.data?.data ?? []).filter((c) => c.dataType !== "TEXT");

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const scoreName = config?.name ?? name.trim();
    if (!scoreName) return setError("Name is required");
    if (value === "") return setError("Value is required");
    let v: number | string = value;
    if (dataType !== "CATEGORICAL") {
      v = Number(value);
      if (!Number.isFinite(v)) return setError("Value must be a number");
      if (config?.minValue !== null && config?.minValue !== undefined && v < config.minValue) {
        return setError(`Must be at least ${config.minValue}`);
      }
      if (config?.maxValue !== null && config?.maxValue !== undefined && v > config.maxValue) {
        return setError(`Must be at most ${config.maxValue}`);
      }
    }
    add.mutate(
      { traceId, observationId, name: scoreName, dataType, value: v, configId: config?.id ?? null, comment: comment.trim() || null },
      {
        onSuccess: onDone,
        onError: (err) =>
          setError(
            err instanceof ApiError && err.invalidParams.length > 0 ? err.invalidParams.map((p) => p.reason).join("; ") : err.message,
          ),
      },
    );
  };

  return (
    <form onSubmit={submit} className="space-y-3 border-t p-3" aria-label="Add score" data-testid="score-form">
      <div className="grid grid-cols-2 gap-3 @max-[520px]:grid-cols-1">
        <Labelled htmlFor={`${id}-config`} label="Score">
          <Select
            id={`${id}-config`}
            value={configId}
            onChange={(e) => {
              setConfigId(e.target.value);
              setValue("");
            }}
          >
            <option value="">Custom score…</option>
            {usable.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.dataType.toLowerCase()})
              </option>
            ))}
          </Select>
        </Labelled>
        {config ? (
          <p className="self-end pb-1.5 text-xs text-muted-foreground">
            {config.description ??
              (config.dataType === "NUMERIC"
                ? `Number${config.minValue !== null ? ` ≥ ${config.minValue}` : ""}${config.maxValue !== null ? ` ≤ ${config.maxValue}` : ""}`
                : config.dataType.toLowerCase())}
          </p>
        ) : (
          <div className="grid grid-cols-[1fr_auto] gap-2">
            <Labelled htmlFor={`${id}-name`} label="Name">
              <Input
                id={`${id}-name`}
                className="h-8"
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder="e.g. correctness"
              />
            </Labelled>
            <Labelled htmlFor={`${id}-type`} label="Type">
              <Select
                id={`${id}-type`}
                value={type}
                onChange={(e) => {
                  setType(e.target.value as ScoreType);
                  setValue("");
                }}
              >
                {SCORE_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t.toLowerCase()}
                  </option>
                ))}
              </Select>
            </Labelled>
          </div>
        )}
      </div>
      <Labelled htmlFor={`${id}-value`} label="Value">
        {dataType === "BOOLEAN" ? (
          <Select id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="">Choose…</option>
            <option value="1">True</option>
            <option value="0">False</option>
          </Select>
        ) : dataType === "CATEGORICAL" && config?.categories ? (
          <Select id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="">Choose…</option>
            {config.categories.map((c) => (
              <option key={c.label} value={c.label}>
                {c.label}
              </option>
            ))}
          </Select>
        ) : (
          <Input
            id={`${id}-value`}
            className="h-8"
            type={dataType === "NUMERIC" ? "number" : "text"}
            step="any"
            min={config?.minValue ?? undefined}
            max={config?.maxValue ?? undefined}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            placeholder={dataType === "NUMERIC" ? "0.8" : "label"}
          />
        )}
      </Labelled>
      <Labelled htmlFor={`${id}-comment`} label="Comment">
        <textarea
          id={`${id}-comment`}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          rows={2}
          className="w-full rounded-md border bg-background px-3 py-1.5 text-sm"
          placeholder="Why this score? (optional)"
        />
      </Labelled>
      {error ? (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" size="sm" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={add.isPending}>
          {add.isPending ? "Saving…" : "Save score"}
        </Button>
      </div>
    </form>
  );
}
