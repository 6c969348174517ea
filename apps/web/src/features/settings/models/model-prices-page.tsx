"use client";

import type { TPublicModel } from "@loupe/contracts";
import { Pencil, Plus, Search, Trash2 } from "lucide-react";
import { useDeferredValue, useMemo, useState } from "react";
import { PageHeader } from "@/components/layout/app-shell";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { useCan } from "@/lib/client/project-role";
import { formatCost } from "@/lib/shared/format";
import { ModelFormDialog } from "./model-form-dialog";
import { useModelMatch, useModelPrices, useModelWrites } from "./use-model-prices";

/** A default tier's prices as "input $2.50 / 1M · output $10.00 / 1M" (per unit for other units). */
function PriceList({ model }: { model: TPublicModel }) {
  const prices = Object.entries(model.prices);
  if (prices.length === 0) return <span className="text-muted-foreground">–</span>;
  const perMillion = model.unit === "TOKENS" || model.unit === null;
  return (
    <span className="flex flex-wrap gap-x-3 gap-y-0.5">
      {prices.map(([usage, { price }]) => (
        <span key={usage} className="whitespace-nowrap">
          <span className="text-muted-foreground">{usage}</span>{" "}
          <span className="font-mono tabular">{perMillion ? `${formatCost(price * 1e6)} / 1M` : formatCost(price)}</span>
        </span>
      ))}
      {model.pricingTiers.length > 1 ? <Badge>+{model.pricingTiers.length - 1} tiers</Badge> : null}
    </span>
  );
}

/** "Test a model name": which model an observation with this name gets now, and its prices. */
function MatchTester({ projectId }: { projectId: string }) {
  const [name, setName] = useState("");
  const deferred = useDeferredValue(name);
  const match = useModelMatch(projectId, deferred);
  return (
    <section className="space-y-2 rounded-lg border p-4">
      <label htmlFor="model-test" className="text-sm font-medium">
        Test a model name
      </label>
      <Input
        id="model-test"
        className="font-mono text-xs"
        placeholder="openai/gpt-4o-mini-2024-07-18"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <div role="status" data-testid="model-match" className="min-h-5 text-xs">
        {deferred.trim() === "" ? (
          <span className="text-muted-foreground">Type the model name an SDK sends to see which model prices it.</span>
        ) : match.isError ? (
          <span className="text-danger">{match.error.message}</span>
        ) : match.data?.match ? (
          <span className="flex flex-wrap items-center gap-2">
            Matches <span className="font-medium">{match.data.match.modelName}</span>
            <Badge>{match.data.match.isLangfuseManaged ? "built-in" : "project"}</Badge>
            <code className="font-mono text-muted-foreground">{match.data.match.matchPattern}</code>
            <PriceList model={match.data.match} />
          </span>
        ) : match.data ? (
          <span className="text-muted-foreground">No model matches “{match.data.modelName}”: its observations get no cost.</span>
        ) : null}
      </div>
    </section>
  );
}

function DeleteModel({ projectId, model, onClose }: { projectId: string; model: TPublicModel; onClose: () => void }) {
  const { remove } = useModelWrites(projectId);
  return (
    <ModalDialog
      title={`Delete ${model.modelName}`}
      description="New observations are priced by the next matching model (a built-in one, if any). Stored costs stay as they are."
      onClose={onClose}
      footer={(close) => (
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate(model.id, { onSuccess: close })}>
            {remove.isPending ? "Deleting…" : "Delete model"}
          </Button>
        </>
      )}
    >
      <FormError message={remove.error?.message ?? null} />
      <p className="text-sm">
        Pattern <code className="font-mono text-xs">{model.matchPattern}</code>
      </p>
    </ModalDialog>
  );
}

/**
 * Settings → Model prices: the project's models and the built-in catalog (project ones win when both
 * match), a name tester, and add/edit/delete of project models (ADMIN and up; the routes check it too).
 */
export function ModelPricesPage({ projectId }: { projectId: string }) {
  const models = useModelPrices(projectId);
  const canEdit = useCan("project:manage");
  const [filter, setFilter] = useState("");
  const [editing, setEditing] = useState<TPublicModel | "new" | null>(null);
  const [deleting, setDeleting] = useState<TPublicModel | null>(null);
  const needle = filter.trim().toLowerCase();
  const rows = useMemo(
    () =>
      (models.data?.data ?? []).filter(
        (m) => !needle || m.modelName.toLowerCase().includes(needle) || m.matchPattern.toLowerCase().includes(needle),
      ),
    [models.data, needle],
  );
  return (
    <div>
      <PageHeader
        title="Model prices"
        description="How Loupe prices generations: the first model whose pattern matches the observation's model name."
        actions={
          canEdit ? (
            <Button size="sm" onClick={() => setEditing("new")}>
              <Plus className="h-3.5 w-3.5" /> Add model
            </Button>
          ) : null
        }
      />
      <div className="max-w-6xl space-y-4 p-5">
        <MatchTester projectId={projectId} />
        <div className="relative max-w-sm">
          <Search className="pointer-events-none absolute top-2 left-2.5 h-3.5 w-3.5 text-muted-foreground" />
          <Input
            aria-label="Filter models"
            className="pl-8"
            placeholder="Filter by name or pattern"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
        {models.isError ? (
          <ErrorState title="Could not load models" error={models.error} onRetry={() => models.refetch()} />
        ) : models.isPending ? (
          <Skeleton className="h-64 w-full" />
        ) : rows.length === 0 ? (
          <EmptyState title={`No model matches “${filter}”`} />
        ) : (
          <div className="overflow-x-auto rounded-lg border">
            <table className="w-full min-w-[720px] text-[13px]">
              <thead className="bg-panel text-left text-xs text-muted-foreground">
                <tr>
                  <th className="h-8 px-3 font-medium">Model</th>
                  <th className="hidden h-8 px-3 font-medium lg:table-cell">Match pattern</th>
                  <th className="h-8 px-3 font-medium">Prices</th>
                  <th className="hidden h-8 px-3 font-medium lg:table-cell">Tokenizer</th>
                  <th className="h-8 px-3 font-medium">Source</th>
                  <th className="h-8 w-20 px-3" aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => (
                  <tr key={m.id} className="border-t align-top" data-testid="model-row">
                    <td className="max-w-[220px] truncate px-3 py-1.5 font-medium" title={m.modelName}>
                      {m.modelName}
                    </td>
                    <td
                      className="hidden max-w-[280px] truncate px-3 py-1.5 font-mono text-xs text-muted-foreground lg:table-cell"
                      title={m.matchPattern}
                    >
                      {m.matchPattern}
                    </td>
                    <td className="px-3 py-1.5 text-xs">
                      <PriceList model={m} />
                    </td>
                    <td className="hidden px-3 py-1.5 text-xs text-muted-foreground lg:table-cell">{m.tokenizerId ?? "–"}</td>
                    <td className="px-3 py-1.5">{m.isLangfuseManaged ? <Badge>built-in</Badge> : <Badge tone="accent">project</Badge>}</td>
                    <td className="px-3 py-1 text-right whitespace-nowrap">
                      {canEdit && !m.isLangfuseManaged ? (
                        <>
                          <Button variant="ghost" size="sm" aria-label={`Edit ${m.modelName}`} onClick={() => setEditing(m)}>
                            <Pencil className="h-3.5 w-3.5" />
                          </Button>
                          <Button variant="ghost" size="sm" aria-label={`Delete ${m.modelName}`} onClick={() => setDeleting(m)}>
                            <Trash2 className="h-3.5 w-3.5" />
                          </Button>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {editing ? (
        <ModelFormDialog projectId={projectId} model={editing === "new" ? undefined : editing} onClose={() => setEditing(null)} />
      ) : null}
      {deleting ? <DeleteModel projectId={projectId} model={deleting} onClose={() => setDeleting(null)} /> : null}
    </div>
  );
}
