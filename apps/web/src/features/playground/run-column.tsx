"use client";

import type { LlmErrorKind, TPlaygroundConnection } from "@loupe/contracts";
import { AlertTriangle, Play, Square, Wrench, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/textarea";
import { formatCost, formatDuration, formatTokens } from "@/lib/shared/format";
import type { ColumnConfig } from "./draft";
import type { ColumnRun } from "./use-column-runs";

const ERROR_TITLES = {
  auth: "API key rejected",
  unknown_model: "Unknown model",
  rate_limited: "Rate limited",
  provider_error: "Provider error",
  timeout: "Timed out",
  bad_request: "Request refused",
  bad_response: "Unreadable answer",
  network: "Provider unreachable",
  blocked_url: "Base URL refused",
} satisfies Record<LlmErrorKind, string>;

function Stat({ label, short, value, testId }: { label: string; short?: string; value: string; testId: string }) {
  return (
    <div className="min-w-0">
      <dt className="truncate text-[11px] text-muted-foreground" title={label}>
        {short ?? label}
      </dt>
      <dd className="truncate font-mono text-xs tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function prettyArgs(args: string): string {
  try {
    return JSON.stringify(JSON.parse(args), null, 2);
  } catch {
    return args;
  }
}

export function RunColumn({
  index,
  column,
  connections,
  run,
  removable,
  onChange,
  onRemove,
  onRun,
  onStop,
}: {
  index: number;
  column: ColumnConfig;
  connections: TPlaygroundConnection[];
  run: ColumnRun;
  removable: boolean;
  onChange: (next: ColumnConfig) => void;
  onRemove: () => void;
  onRun: () => void;
  onStop: () => void;
}) {
  const label = `Column ${String.fromCharCode(65 + index)}`;
  const connection = connections.find((c) => c.id === column.connectionId);
  const listId = `models-${column.id}`;
  const field = (key: "temperature" | "maxTokens" | "topP", name: string, placeholder: string, step: string) => (
    <label className="min-w-0 flex-1 text-[11px] text-muted-foreground">
      {name}
      <Input
        aria-label={`${name} (${label})`}
        className="mt-0.5 h-8 font-mono text-xs"
        inputMode="decimal"
        type="number"
        step={step}
        placeholder={placeholder}
        value={column[key]}
        onChange={(e) => onChange({ ...column, [key]: e.target.value })}
      />
    </label>
  );
  const done = run.done;
  return (
    <section aria-label={label} className="flex min-w-0 flex-col rounded-lg border bg-background" data-testid="playground-column">
      <header className="flex h-10 items-center gap-2 border-b bg-panel px-3">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">{label}</h2>
        <span className="min-w-0 flex-1 truncate text-xs text-muted-foreground">
          {connection ? `${connection.provider} · ${column.model || "no model"}` : ""}
        </span>
        {removable ? (
          <Button variant="ghost" size="sm" aria-label={`Remove ${label}`} onClick={onRemove}>
            <X className="h-3.5 w-3.5" />
          </Button>
        ) : null}
        {run.status === "running" ? (
          <Button variant="secondary" size="sm" onClick={onStop}>
            <Square className="h-3 w-3" /> Stop
          </Button>
        ) : (
          <Button size="sm" onClick={onRun} aria-label={`Run ${label}`}>
            <Play className="h-3 w-3" /> Run
          </Button>
        )}
      </header>
      <div className="space-y-2 border-b p-3">
        <div className="flex gap-2">
          <label className="min-w-0 flex-1 text-[11px] text-muted-foreground">
            Connection
            <Select
              aria-label={`Connection (${label})`}
              className="mt-0.5"
              value={column.connectionId}
              onChange={(e) => onChange({ ...column, connectionId: e.target.value })}
            >
              <option value="">Pick a connection…</option>
              {connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.provider}
                </option>
              ))}
            </Select>
          </label>
          <label className="min-w-0 flex-1 text-[11px] text-muted-foreground">
            Model
            <Input
              aria-label={`Model (${label})`}
              className="mt-0.5 h-8 font-mono text-xs"
              list={listId}
              placeholder={connection?.models[0] ?? "model name"}
              value={column.model}
              onChange={(e) => onChange({ ...column, model: e.target.value })}
            />
            <datalist id={listId}>
              {connection?.models.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </label>
        </div>
        <div className="flex gap-2">
          {field("temperature", "Temperature", "default", "0.1")}
          {field("maxTokens", "Max tokens", "default", "1")}
          {field("topP", "Top p", "default", "0.05")}
        </div>
      </div>
      <div className="min-h-40 flex-1 space-y-2 p-3" aria-live="polite">
        {run.status === "idle" && !run.text ? <p className="text-sm text-muted-foreground">Run to see the answer here.</p> : null}
        {run.text ? (
          <div className="whitespace-pre-wrap break-words text-sm leading-relaxed" data-testid="playground-output">
            {run.text}
            {run.status === "running" ? <span className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-accent align-text-bottom" /> : null}
          </div>
        ) : run.status === "running" ? (
          <p className="animate-pulse text-sm text-muted-foreground">Waiting for the first token…</p>
        ) : null}
        {run.toolCalls.map((c) => (
          <div key={c.id || c.name} className="overflow-hidden rounded-md border" data-testid="playground-tool-call">
            <div className="flex h-7 items-center gap-1.5 border-b bg-panel px-2 text-xs">
              <Wrench className="h-3.5 w-3.5 text-accent" />
              <span className="font-mono font-medium">{c.name}</span>
              <span className="truncate text-muted-foreground">tool call</span>
            </div>
            <pre className="max-h-48 overflow-auto p-2 font-mono text-xs">{prettyArgs(c.arguments)}</pre>
          </div>
        ))}
        {run.status === "error" && run.error ? (
          <div
            role="alert"
            className="flex gap-2 rounded-md border border-danger/40 bg-danger-soft p-3 text-sm"
            data-testid="playground-error"
          >
            <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0 text-danger" />
            <div className="min-w-0">
              <p className="font-medium text-danger">{ERROR_TITLES[run.error.kind]}</p>
              <p className="mt-0.5 break-words text-foreground/80">{run.error.message}</p>
            </div>
          </div>
        ) : null}
      </div>
      <dl className="grid grid-cols-4 gap-2 border-t bg-panel px-3 py-2">
        <Stat
          label="Tokens in → out"
          short="Tokens"
          testId="playground-tokens"
          value={done ? `${formatTokens(done.result.usage.input)} → ${formatTokens(done.result.usage.output)}` : "–"}
        />
        <Stat label="Cost" testId="playground-cost" value={done ? (done.cost === null ? "no price" : formatCost(done.cost)) : "–"} />
        <Stat label="Latency" testId="playground-latency" value={done ? formatDuration(done.latencyMs) : "–"} />
        <Stat
          label="First token"
          testId="playground-ttft"
          value={done?.timeToFirstTokenMs != null ? formatDuration(done.timeToFirstTokenMs) : "–"}
        />
      </dl>
    </section>
  );
}
