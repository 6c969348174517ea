"use client";

import { SAVED_VIEW_IGNORED_KEYS, type SavedViewTable, type TSavedView, type TSavedViewState } from "@loupe/contracts";
import { Bookmark, Check, Pencil, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Popover } from "@/components/ui/popover";
import { Skeleton } from "@/components/ui/skeleton";
import { useHasRole } from "@/lib/client/project-role";
import type { ListQueryState } from "@/lib/client/use-list-query";
import { cn } from "@/lib/shared/cn";
import { useSavedViewMutations, useSavedViews } from "./hooks/use-saved-views";

type Columns = { order: string[]; hidden: string[] };

/** The part of the URL a view keeps: everything but the page and the preview. */
function viewQuery(raw: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !(SAVED_VIEW_IGNORED_KEYS as readonly string[]).includes(k)));
}
const sameQuery = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

const inputClass = "h-7 min-w-0 flex-1 rounded-md border bg-background px-2 text-xs focus-visible:outline-2";

/**
 * The saved views of a table, in its toolbar: applying one puts its filters, sort and time range in
 * the URL (so the applied view is a shareable link) and its columns in the column chooser. The
 * button names the view the URL matches. MEMBER+ save, rename, overwrite and delete; everyone applies.
 */
export function SavedViewPicker({
  projectId,
  table,
  view,
  layout,
}: {
  projectId: string;
  table: SavedViewTable;
  view: Pick<ListQueryState, "raw" | "set">;
  layout: { columns: Columns; applyColumns: (c: Columns) => void };
}) {
  const views = useSavedViews(projectId, table);
  const canEdit = useHasRole("MEMBER");
  const current = viewQuery(view.raw);
  const matched = views.data?.data.find((v) => sameQuery(v.state.query, current));

  const apply = (saved: TSavedView) => {
    const cleared = Object.fromEntries(Object.keys(current).map((k) => [k, null]));
    view.set({ ...cleared, ...saved.state.query } as Parameters<typeof view.set>[0]);
    if (saved.state.columns) layout.applyColumns(saved.state.columns);
  };
  const state: TSavedViewState = { query: current, columns: layout.columns };

  return (
    <Popover
      label="Saved views"
      trigger={
        <>
          <Bookmark className="h-3.5 w-3.5" />
          <span className="max-w-40 truncate" data-testid="saved-view-name">
            {matched ? matched.name : "Views"}
          </span>
        </>
      }
    >
      {(close) => (
        <div className="w-72 space-y-2 text-xs">
          {views.isPending ? (
            <div className="space-y-1.5">
              <Skeleton className="h-5 w-full" />
              <Skeleton className="h-5 w-2/3" />
            </div>
          ) : views.error ? (
            <div className="space-y-1">
              <FormError message={`Could not load the saved views: ${views.error.message}`} />
              <Button variant="secondary" size="sm" onClick={() => views.refetch()}>
                Try again
              </Button>
            </div>
          ) : views.data.data.length === 0 ? (
            <p className="px-1 py-1 text-muted-foreground">
              No saved views yet. {canEdit ? "Set filters, sort and columns, then save them here for the whole project." : ""}
            </p>
          ) : (
            <ul className="max-h-72 space-y-0.5 overflow-auto" aria-label="Saved views">
              {views.data.data.map((v) => (
                <ViewRow
                  key={v.id}
                  projectId={projectId}
                  table={table}
                  view={v}
                  active={v.id === matched?.id}
                  canEdit={canEdit}
                  onApply={() => {
                    apply(v);
                    close();
                  }}
                  state={state}
                />
              ))}
            </ul>
          )}
          {canEdit ? <SaveViewForm projectId={projectId} table={table} state={state} taken={views.data?.data ?? []} /> : null}
        </div>
      )}
    </Popover>
  );
}

function ViewRow({
  projectId,
  table,
  view,
  active,
  canEdit,
  onApply,
  state,
}: {
  projectId: string;
  table: SavedViewTable;
  view: TSavedView;
  active: boolean;
  canEdit: boolean;
  onApply: () => void;
  state: TSavedViewState;
}) {
  const { update, remove } = useSavedViewMutations(projectId, table);
  const [mode, setMode] = useState<"idle" | "rename" | "delete">("idle");
  const [name, setName] = useState(view.name);
  const error = update.error?.message ?? remove.error?.message ?? null;
  if (mode === "rename")
    return (
      <li className="space-y-1 px-1 py-0.5">
        <form
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({ id: view.id, body: { name } }, { onSuccess: () => setMode("idle") });
          }}
        >
          <input aria-label="View name" className={inputClass} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
          <Button size="sm" type="submit" disabled={update.isPending || !name.trim()}>
            Rename
          </Button>
        </form>
        <FormError message={error} />
      </li>
    );
  return (
    <li className="group space-y-1">
      <div className={cn("flex items-center gap-1 rounded px-1 hover:bg-muted", active && "bg-muted")}>
        <button type="button" className="flex min-w-0 flex-1 items-center gap-1.5 py-1 text-left" onClick={onApply} title={view.name}>
          {active ? <Check className="h-3 w-3 shrink-0 text-accent" /> : <span className="w-3 shrink-0" />}
          <span className="truncate">{view.name}</span>
        </button>
        {canEdit && mode === "idle" ? (
          <>
            {!active ? (
              <button
                type="button"
                className="rounded px-1 text-[11px] text-muted-foreground hover:bg-background hover:text-foreground"
                title={`Overwrite "${view.name}" with the current filters, sort and columns`}
                onClick={() => update.mutate({ id: view.id, body: { state } })}
              >
                Update
              </button>
            ) : null}
            <button
              type="button"
              aria-label={`Rename view ${view.name}`}
              className="rounded p-0.5 text-muted-foreground hover:bg-background hover:text-foreground"
              onClick={() => setMode("rename")}
            >
              <Pencil className="h-3 w-3" />
            </button>
            <button
              type="button"
              aria-label={`Delete view ${view.name}`}
              className="rounded p-0.5 text-muted-foreground hover:bg-background hover:text-danger"
              onClick={() => setMode("delete")}
            >
              <Trash2 className="h-3 w-3" />
            </button>
          </>
        ) : null}
        {mode === "delete" ? (
          <span className="flex items-center gap-1">
            <span className="text-danger">Delete?</span>
            <Button size="sm" variant="danger" disabled={remove.isPending} onClick={() => remove.mutate(view.id)}>
              Delete
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setMode("idle")}>
              Keep
            </Button>
          </span>
        ) : null}
      </div>
      <FormError message={error} />
    </li>
  );
}

/** Saves the table's current state as a new view of the project. */
function SaveViewForm({
  projectId,
  table,
  state,
  taken,
}: {
  projectId: string;
  table: SavedViewTable;
  state: TSavedViewState;
  taken: TSavedView[];
}) {
  const { create } = useSavedViewMutations(projectId, table);
  const [name, setName] = useState("");
  const duplicate = taken.some((v) => v.name === name.trim());
  return (
    <form
      className="space-y-1 border-t pt-2"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ name: name.trim(), state }, { onSuccess: () => setName("") });
      }}
    >
      <label className="block text-muted-foreground" htmlFor={`save-view-${table}`}>
        Save the current filters, sort and columns as
      </label>
      <div className="flex items-center gap-1">
        <input
          id={`save-view-${table}`}
          className={inputClass}
          placeholder="View name"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
        <Button size="sm" type="submit" disabled={create.isPending || !name.trim() || duplicate}>
          Save view
        </Button>
      </div>
      {duplicate ? <p className="text-muted-foreground">A view of this name exists: pick another name, or use its Update.</p> : null}
      <FormError message={create.error?.message ?? null} />
    </form>
  );
}
