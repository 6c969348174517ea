"use client";

import type { TCreateScoreConfigBody, TScoreConfigItem } from "@loupe/contracts";
import { Archive, ArchiveRestore, Plus, SlidersHorizontal } from "lucide-react";
import { useId, useState } from "react";
import { ListPage } from "@/components/layout/list-page";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { EmptyState } from "@/components/ui/states";
import { ApiError } from "@/lib/client/api-client";
import { useHasRole } from "@/lib/client/project-role";
import { useAllScoreConfigs, useScoreConfigWrites } from "./hooks/use-annotation";
import { unpaged } from "./components/unpaged";
import { Select } from "@/components/ui/textarea";

const TYPES = ["NUMERIC", "CATEGORICAL", "BOOLEAN"] as const;

function describe(c: TScoreConfigItem): string {
  if (c.dataType === "NUMERIC") {
    if (c.minValue === null && c.maxValue === null) return "any number";
    return `${c.minValue ?? "−∞"} … ${c.maxValue ?? "∞"}`;
  }
  return (c.categories ?? []).map((x) => `${x.label} (${x.value})`).join(", ") || "—";
}

/** "good=1, bad=0" or one label per line → categories (values default to the position). */
function parseCategories(text: string): { label: string; value: number }[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const [label = "", value] = entry.split("=").map((s) => s.trim());
      return { label, value: value === undefined || value === "" ? i : Number(value) };
    });
}

function CreateForm({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const id = useId();
  const { create } = useScoreConfigWrites(projectId);
  const [form, setForm] = useState({
    name: "",
    dataType: "NUMERIC" as (typeof TYPES)[number],
    min: "",
    max: "",
    categories: "",
    description: "",
  });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body: TCreateScoreConfigBody = {
      name: form.name.trim(),
      dataType: form.dataType,
      description: form.description.trim() || null,
      ...(form.dataType === "NUMERIC"
        ? { minValue: form.min === "" ? null : Number(form.min), maxValue: form.max === "" ? null : Number(form.max) }
        : {}),
      ...(form.dataType === "CATEGORICAL" ? { categories: parseCategories(form.categories) } : {}),
    };
    create.mutate(body, { onSuccess: onDone });
  };
  const error = create.error;
  const message =
    error instanceof ApiError && error.invalidParams.length > 0
      ? error.invalidParams.map((p) => `${p.name}: ${p.reason}`).join("; ")
      : (error?.message ?? null);
  return (
    <form onSubmit={submit} className="mb-4 grid gap-3 rounded-lg border p-4 sm:grid-cols-2" aria-label="New score config">
      <label className="space-y-1 text-xs font-medium" htmlFor={`${id}-name`}>
        <span>Name</span>
        <Input
          id={`${id}-name`}
          className="h-8"
          value={form.name}
          onChange={(e) => set({ name: e.target.value })}
          placeholder="helpfulness"
        />
      </label>
      <label className="space-y-1 text-xs font-medium" htmlFor={`${id}-type`}>
        <span>Type</span>
        <Select id={`${id}-type`} value={form.dataType} onChange={(e) => set({ dataType: e.target.value as (typeof TYPES)[number] })}>
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {t === "NUMERIC" ? "Numeric (range)" : t === "CATEGORICAL" ? "Categorical (labels)" : "Boolean (true/false)"}
            </option>
          ))}
        </Select>
      </label>
      {form.dataType === "NUMERIC" ? (
        <div className="grid grid-cols-2 gap-3">
          <label className="space-y-1 text-xs font-medium" htmlFor={`${id}-min`}>
            <span>Minimum</span>
            <Input
              id={`${id}-min`}
              className="h-8"
              type="number"
              step="any"
              value={form.min}
              onChange={(e) => set({ min: e.target.value })}
            />
          </label>
          <label className="space-y-1 text-xs font-medium" htmlFor={`${id}-max`}>
            <span>Maximum</span>
            <Input
              id={`${id}-max`}
              className="h-8"
              type="number"
              step="any"
              value={form.max}
              onChange={(e) => set({ max: e.target.value })}
            />
          </label>
        </div>
      ) : null}
      {form.dataType === "CATEGORICAL" ? (
        <label className="space-y-1 text-xs font-medium" htmlFor={`${id}-cats`}>
          <span>Labels (label=value, one per line)</span>
          <textarea
            id={`${id}-cats`}
            rows={3}
            className="w-full rounded-md border bg-background px-2 py-1.5 font-mono text-sm"
            value={form.categories}
            onChange={(e) => set({ categories: e.target.value })}
            placeholder={"good=1\nbad=0"}
          />
        </label>
      ) : null}
      <label className="space-y-1 text-xs font-medium sm:col-span-2" htmlFor={`${id}-desc`}>
        <span>Description (shown to reviewers)</span>
        <Input id={`${id}-desc`} className="h-8" value={form.description} onChange={(e) => set({ description: e.target.value })} />
      </label>
      <div className="flex items-center justify-end gap-2 sm:col-span-2">
        <FormError message={message} />
        <Button variant="secondary" size="sm" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create score config"}
        </Button>
      </div>
    </form>
  );
}

export function ScoreConfigsPage({ projectId }: { projectId: string }) {
  const configs = useAllScoreConfigs(projectId);
  const { update } = useScoreConfigWrites(projectId);
  const canWrite = useHasRole("MEMBER");
  const [creating, setCreating] = useState(false);
  const list = unpaged(configs);
  const columns: Column<TScoreConfigItem>[] = [
    {
      header: "Name",
      cell: (c) => (
        <span className="flex items-center gap-2 font-medium">
          {c.name}
          {c.isArchived ? <Badge tone="neutral">archived</Badge> : null}
        </span>
      ),
    },
    { header: "Type", cell: (c) => <span className="text-muted-foreground">{c.dataType.toLowerCase()}</span> },
    { header: "Range or labels", className: "max-w-[320px] truncate font-mono text-xs", title: describe, cell: describe },
    {
      header: "Description",
      hideWhenNarrow: true,
      className: "max-w-[320px] truncate text-muted-foreground",
      title: (c) => c.description ?? undefined,
      cell: (c) => c.description ?? "",
    },
    {
      header: "",
      cell: (c) =>
        canWrite ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => update.mutate({ id: c.id, isArchived: !c.isArchived })}
            aria-label={`${c.isArchived ? "Restore" : "Archive"} ${c.name}`}
          >
            {c.isArchived ? <ArchiveRestore className="h-3.5 w-3.5" /> : <Archive className="h-3.5 w-3.5" />}
            {c.isArchived ? "Restore" : "Archive"}
          </Button>
        ) : null,
    },
  ];
  return (
    <ListPage
      title="Score configs"
      intro="What reviewers and evaluators score: a numeric range, labels, or true/false"
      noun="score config"
      query={list.header}
      actions={
        canWrite && !creating ? (
          <Button size="sm" onClick={() => setCreating(true)}>
            <Plus className="h-3.5 w-3.5" /> New score config
          </Button>
        ) : null
      }
    >
      {creating ? <CreateForm projectId={projectId} onDone={() => setCreating(false)} /> : null}
      <DataTable
        columns={columns}
        query={list.table}
        errorTitle="Could not load score configs"
        empty={<EmptyConfigs />}
        noun="score config"
        rowKey={(c) => c.id}
        rowTestId="score-config-row"
        onPageChange={() => undefined}
        minWidth={640}
      />
    </ListPage>
  );
}

function EmptyConfigs() {
  return (
    <EmptyState icon={<SlidersHorizontal className="h-6 w-6 text-accent" />} title="No score configs yet">
      A score config says what a score means: “helpfulness from 1 to 5”, “verdict: good or bad”, “correct: yes or no”. Annotation queues
      collect them from reviewers, and scores sent by the SDK with a configId are checked against them.
    </EmptyState>
  );
}
