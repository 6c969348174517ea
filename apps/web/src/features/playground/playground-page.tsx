"use client";

import { FlaskConical, Play, PlugZap, Plus, Save } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { type KeyboardEvent, Suspense, useEffect, useMemo, useState } from "react";
import { PageHeader } from "@/components/layout/app-shell";
import { useShortcuts } from "@/components/keyboard/shortcuts";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/states";
import { Textarea } from "@/components/ui/textarea";
import { useLlmConnections } from "@/features/llm-connections";
import { useHasRole } from "@/lib/client/project-role";
import { projectRoutes } from "@/lib/shared/routes";
import {
  buildCall,
  type ColumnConfig,
  draftPlaceholders,
  draftVariables,
  emptyDraft,
  MAX_COLUMNS,
  newColumn,
  type PlaygroundDraft,
} from "./draft";
import { MessageEditor } from "./message-editor";
import { RunColumn } from "./run-column";
import { SavePromptDialog } from "./save-prompt-dialog";
import { IDLE_RUN, useColumnRuns } from "./use-column-runs";
import { useGenerationPrefill } from "./use-generation-prefill";
import { usePromptPrefill } from "./use-prompt-prefill";
import { VariablesPanel } from "./variables-panel";

function JsonSection({
  title,
  hint,
  value,
  onChange,
  placeholder,
}: {
  title: string;
  hint: string;
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
}) {
  return (
    <details className="group rounded-lg border bg-background" open={value.trim() !== ""}>
      <summary className="flex h-9 cursor-pointer items-center gap-2 px-3 text-sm font-medium select-none">
        {title}
        <span className="truncate text-xs font-normal text-muted-foreground">{hint}</span>
      </summary>
      <Textarea
        aria-label={title}
        rows={6}
        className="rounded-none rounded-b-lg border-0 border-t font-mono text-xs"
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </details>
  );
}

function Playground({ projectId }: { projectId: string }) {
  const params = useSearchParams();
  const from =
    params.get("trace") && params.get("observation")
      ? { traceId: params.get("trace") as string, observationId: params.get("observation") as string }
      : null;
  const promptName = params.get("prompt");
  const promptFrom = useMemo(
    () => (promptName ? { name: promptName, version: Number(params.get("version")) || null } : null),
    [promptName, params],
  );
  const [draft, setDraft] = useState<PlaygroundDraft>(emptyDraft);
  const [saving, setSaving] = useState(false);
  const canWrite = useHasRole("MEMBER");
  const connections = useLlmConnections(projectId);
  const { runs, start, stop } = useColumnRuns(projectId);
  const canManage = useHasRole("ADMIN");
  const generationPrefill = useGenerationPrefill(projectId, from, setDraft);
  const promptPrefill = usePromptPrefill(projectId, promptFrom, setDraft);

  // A new column (and the first load) starts on the first connection and its first model.
  const firstConnection = connections.data?.[0];
  useEffect(() => {
    if (!firstConnection) return;
    setDraft((d) => ({
      ...d,
      columns: d.columns.map((c) =>
        c.connectionId ? c : { ...c, connectionId: firstConnection.id, model: c.model || firstConnection.models[0] || "" },
      ),
    }));
  }, [firstConnection]);

  const variables = useMemo(() => draftVariables(draft), [draft]);
  const placeholders = useMemo(() => draftPlaceholders(draft), [draft]);
  const setColumn = (next: ColumnConfig) => setDraft((d) => ({ ...d, columns: d.columns.map((c) => (c.id === next.id ? next : c)) }));

  const runColumn = (column: ColumnConfig) => {
    const built = buildCall(draft, column);
    if (!built.ok) return setInvalid(column.id, built.error);
    if (!column.connectionId) return setInvalid(column.id, "Pick a connection for this column");
    void start(column.id, { connectionId: column.connectionId, call: built.call });
  };
  const [invalid, setInvalidState] = useState<Record<string, string>>({});
  const setInvalid = (id: string, message: string) => {
    stop(id);
    setInvalidState((all) => ({ ...all, [id]: message }));
  };
  const runAll = () => {
    setInvalidState({});
    for (const c of draft.columns) runColumn(c);
  };
  useShortcuts("Playground", [{ keys: ["⌘", "Enter"], description: "Run every column" }]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
      e.preventDefault();
      runAll();
    }
  };

  const noConnections = connections.data?.length === 0;
  return (
    <div onKeyDown={onKeyDown}>
      <PageHeader
        title="Playground"
        description="Try messages against your LLM connections and compare up to three models side by side."
        actions={
          <div className="flex items-center gap-2">
            {canWrite ? (
              <Button variant="secondary" size="sm" onClick={() => setSaving(true)} data-testid="save-as-prompt">
                <Save className="h-3.5 w-3.5" /> Save as prompt version
              </Button>
            ) : null}
            <Button
              variant="secondary"
              size="sm"
              disabled={draft.columns.length >= MAX_COLUMNS}
              onClick={() =>
                setDraft((d) => ({
                  ...d,
                  columns: [
                    ...d.columns,
                    newColumn({ connectionId: d.columns.at(-1)?.connectionId ?? "", model: d.columns.at(-1)?.model ?? "" }),
                  ],
                }))
              }
            >
              <Plus className="h-3.5 w-3.5" /> Compare
            </Button>
            <Button size="sm" onClick={runAll} disabled={noConnections} title="Run every column (⌘/Ctrl + Enter)">
              <Play className="h-3.5 w-3.5" /> Run all
            </Button>
          </div>
        }
      />
      {noConnections ? (
        <div
          className="m-5 mb-0 flex flex-wrap items-center gap-3 rounded-lg border border-accent/40 bg-accent-soft p-4 text-sm"
          data-testid="playground-no-connections"
        >
          <PlugZap className="h-5 w-5 shrink-0 text-accent" />
          <div className="min-w-0 flex-1">
            <p className="font-medium">Connect a model provider to run prompts</p>
            <p className="text-muted-foreground">
              The playground calls OpenAI, Azure OpenAI, Anthropic, Gemini or any OpenAI-compatible server with a key stored, encrypted, in
              this project.
              {canManage ? "" : " Ask a project admin to add one."}
            </p>
          </div>
          {canManage ? (
            <Link
              href={projectRoutes(projectId).llmConnections}
              className="inline-flex h-8 items-center rounded-md bg-accent px-3 text-xs font-medium text-accent-foreground"
            >
              Add an LLM connection
            </Link>
          ) : null}
        </div>
      ) : null}
      {connections.isError ? (
        <div className="m-5">
          <ErrorState title="Could not load LLM connections" error={connections.error} onRetry={() => connections.refetch()} />
        </div>
      ) : null}
      {generationPrefill.error ? (
        <p className="m-5 mb-0 rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
          Could not open the generation: {generationPrefill.error}
        </p>
      ) : null}
      {promptPrefill.error ? (
        <p className="m-5 mb-0 rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">Could not open the prompt: {promptPrefill.error}</p>
      ) : null}
      {draft.fromPrompt ? (
        <p className="mx-5 mt-4 mb-0 text-sm text-muted-foreground" data-testid="playground-from-prompt">
          Opened from{" "}
          <Link
            className="font-mono text-accent underline-offset-2 hover:underline"
            href={projectRoutes(projectId).prompt(draft.fromPrompt.name, draft.fromPrompt.version)}
          >
            {draft.fromPrompt.name} v{draft.fromPrompt.version}
          </Link>
        </p>
      ) : null}
      {saving ? (
        <SavePromptDialog projectId={projectId} draft={draft} connections={connections.data ?? []} onClose={() => setSaving(false)} />
      ) : null}
      <div className="grid border-b min-[1100px]:grid-cols-[minmax(0,1fr)_18rem]">
        <section aria-label="Messages" className="space-y-3 p-5">
          {generationPrefill.loading || promptPrefill.loading ? (
            <Skeleton className="h-32 w-full" />
          ) : (
            <MessageEditor messages={draft.messages} onChange={(messages) => setDraft((d) => ({ ...d, messages }))} />
          )}
          <JsonSection
            title="Tools"
            hint="functions the model may call"
            placeholder={
              '[{"name": "get_weather", "description": "Weather for a city", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}]'
            }
            value={draft.toolsJson}
            onChange={(toolsJson) => setDraft((d) => ({ ...d, toolsJson }))}
          />
          <JsonSection
            title="Structured output"
            hint="JSON schema the answer must follow"
            placeholder={'{"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"]}'}
            value={draft.schemaJson}
            onChange={(schemaJson) => setDraft((d) => ({ ...d, schemaJson }))}
          />
        </section>
        <div className="border-t bg-panel min-[1100px]:border-t-0 min-[1100px]:border-l">
          <VariablesPanel
            variables={variables}
            placeholders={placeholders}
            values={draft.variables}
            placeholderValues={draft.placeholders}
            onValue={(name, value) => setDraft((d) => ({ ...d, variables: { ...d.variables, [name]: value } }))}
            onPlaceholder={(name, value) => setDraft((d) => ({ ...d, placeholders: { ...d.placeholders, [name]: value } }))}
          />
        </div>
      </div>
      <div
        className="grid gap-4 p-5"
        style={{ gridTemplateColumns: `repeat(auto-fit, minmax(min(100%, ${draft.columns.length > 1 ? "22rem" : "28rem"}), 1fr))` }}
      >
        {connections.isPending
          ? [0].map((i) => <Skeleton key={i} className="h-72 w-full" />)
          : draft.columns.map((column, i) => {
              const run = runs[column.id] ?? IDLE_RUN;
              const message = invalid[column.id];
              return (
                <RunColumn
                  key={column.id}
                  index={i}
                  column={column}
                  connections={connections.data ?? []}
                  run={message ? { ...IDLE_RUN, status: "error", error: { kind: "bad_request", message } } : run}
                  removable={draft.columns.length > 1}
                  onChange={setColumn}
                  onRemove={() => setDraft((d) => ({ ...d, columns: d.columns.filter((c) => c.id !== column.id) }))}
                  onRun={() => {
                    setInvalidState((all) => ({ ...all, [column.id]: "" }));
                    runColumn(column);
                  }}
                  onStop={() => stop(column.id)}
                />
              );
            })}
      </div>
      {draft.columns.length === 1 && !noConnections ? (
        <p className="flex items-center gap-1.5 px-5 pb-5 text-xs text-muted-foreground">
          <FlaskConical className="h-3.5 w-3.5" /> Compare adds a column with another model or parameters; ⌘/Ctrl + Enter runs them all.
        </p>
      ) : null}
    </div>
  );
}

export function PlaygroundPage({ projectId }: { projectId: string }) {
  return (
    <Suspense>
      <Playground projectId={projectId} />
    </Suspense>
  );
}
