"use client";

import type { TDashboard } from "@loupe/contracts";
import { Copy, LayoutDashboard, Pencil, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { useHasRole } from "@/lib/client/project-role";
import { projectRoutes } from "@/lib/shared/routes";
import { useDashboardMutations, useDashboards } from "./hooks/use-dashboards";

/** The project's custom dashboards: create, rename, duplicate, delete (MEMBER+); VIEWERs open them. */
export function DashboardsListPage({ projectId }: { projectId: string }) {
  const list = useDashboards(projectId);
  const mutations = useDashboardMutations(projectId);
  const canEdit = useHasRole("MEMBER");
  const router = useRouter();
  const [name, setName] = useState("");
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const routes = projectRoutes(projectId);
  const error = [mutations.create, mutations.update, mutations.duplicate, mutations.remove].find((m) => m.error)?.error?.message ?? null;

  const create = () => mutations.create.mutate({ name: name.trim() }, { onSuccess: (d) => router.push(routes.dashboard(d.id)) });
  const rows = list.data?.data ?? [];

  return (
    <div className="mx-auto max-w-[1200px] p-4">
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="text-lg font-semibold tracking-tight">Dashboards</h1>
          <p className="text-xs text-muted-foreground">Your own charts on any view, measure and metadata key, beside the Overview.</p>
        </div>
        {canEdit ? (
          <form
            className="flex items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) create();
            }}
          >
            <Input
              aria-label="New dashboard name"
              placeholder="New dashboard name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              className="h-8 w-56"
              maxLength={200}
            />
            <Button type="submit" size="sm" disabled={!name.trim() || mutations.create.isPending}>
              <Plus className="h-3.5 w-3.5" />
              Create dashboard
            </Button>
          </form>
        ) : null}
      </div>
      <FormError message={error} />
      {list.isPending ? (
        <div className="space-y-2">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : list.isError ? (
        <ErrorState title="Could not load dashboards" error={list.error} onRetry={() => list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState icon={<LayoutDashboard className="h-6 w-6 text-accent" />} title="No dashboards yet">
          {canEdit
            ? "Create one above, then add widgets: any measure of traces, observations or scores, broken down by model, user, tags or any metadata key."
            : "A member of this project can create dashboards; you will see them here."}
        </EmptyState>
      ) : (
        <table className="w-full text-[13px]">
          <thead className="text-left text-xs text-muted-foreground">
            <tr className="h-8">
              <th className="px-2 font-medium">Name</th>
              <th className="px-2 font-medium max-[800px]:hidden">Description</th>
              <th className="px-2 text-right font-medium">Widgets</th>
              <th className="px-2 font-medium">Updated</th>
              {canEdit ? <th className="w-28 px-2" aria-label="Actions" /> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((d: TDashboard) => (
              <tr key={d.id} className="h-9 border-t hover:bg-muted/50" data-testid="dashboard-row">
                <td className="max-w-72 truncate px-2 font-medium">
                  {renaming?.id === d.id ? (
                    <form
                      onSubmit={(e) => {
                        e.preventDefault();
                        if (renaming.name.trim())
                          mutations.update.mutate(
                            { id: d.id, body: { name: renaming.name.trim() } },
                            { onSuccess: () => setRenaming(null) },
                          );
                      }}
                    >
                      <Input
                        aria-label="Dashboard name"
                        autoFocus
                        value={renaming.name}
                        onChange={(e) => setRenaming({ id: d.id, name: e.target.value })}
                        onKeyDown={(e) => e.key === "Escape" && setRenaming(null)}
                        onBlur={() => setRenaming(null)}
                        className="h-7"
                        maxLength={200}
                      />
                    </form>
                  ) : (
                    <Link href={routes.dashboard(d.id)} className="hover:underline" title={d.name}>
                      {d.name}
                    </Link>
                  )}
                </td>
                <td className="max-w-96 truncate px-2 text-muted-foreground max-[800px]:hidden" title={d.description}>
                  {d.description || "–"}
                </td>
                <td className="px-2 text-right font-mono tabular">{d.definition.widgets.length}</td>
                <td className="px-2 text-muted-foreground">
                  <RelativeTime iso={d.updatedAt} />
                </td>
                {canEdit ? (
                  <td className="px-2">
                    <div className="flex justify-end gap-0.5">
                      <Button
                        variant="ghost"
                        size="sm"
                        className="h-7 px-1.5"
                        aria-label={`Rename ${d.name}`}
                        onClick={() => setRenaming({ id: d.id, name: d.name })}
                      >
                        <Pencil className="h-3.5 w-3.5" />
                      </Button>
                      <Button
                        variant="ghost"
                        size="sm"
                        className="h-7 px-1.5"
                        aria-label={`Duplicate ${d.name}`}
                        onClick={() => mutations.duplicate.mutate(d.id)}
                      >
                        <Copy className="h-3.5 w-3.5" />
                      </Button>
                      <Button
                        variant="ghost"
                        size="sm"
                        className="h-7 px-1.5 text-danger"
                        aria-label={`Delete ${d.name}`}
                        onClick={() => window.confirm(`Delete the dashboard "${d.name}"?`) && mutations.remove.mutate(d.id)}
                      >
                        <Trash2 className="h-3.5 w-3.5" />
                      </Button>
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
