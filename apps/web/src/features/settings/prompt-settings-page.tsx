"use client";

import { PRODUCTION_LABEL, type TPromptSettings, ZPromptLabel, ZPromptSettings } from "@loupe/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Lock, Plus, X } from "lucide-react";
import { useEffect, useState } from "react";
import { PageHeader } from "@/components/layout/app-shell";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/states";
import { apiFetch } from "@/lib/client/api-client";
import { useHasRole } from "@/lib/client/project-role";
import { queryKeys } from "@/lib/client/query-keys";

/**
 * Protected prompt labels: moving one takes an admin's approval (MEMBERs file a request from the
 * prompt page). ADMIN+ edit the list; everyone else reads it. The server checks the role again.
 */
export function PromptSettingsPage({ projectId }: { projectId: string }) {
  const queryClient = useQueryClient();
  const isAdmin = useHasRole("ADMIN");
  const url = `/api/internal/projects/${encodeURIComponent(projectId)}/settings/prompts`;
  const settings = useQuery({ queryKey: queryKeys.promptSettings(projectId), queryFn: () => apiFetch(ZPromptSettings, url) });
  const [labels, setLabels] = useState<string[] | null>(null);
  const [adding, setAdding] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);
  useEffect(() => {
    if (settings.data) setLabels(settings.data.protectedLabels);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (body: TPromptSettings) => apiFetch(ZPromptSettings, url, { method: "PUT", body }),
    // The prompt pages show which labels are protected: refresh them with the setting.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.promptsAll(projectId) }),
  });
  const dirty = labels && settings.data && JSON.stringify(labels) !== JSON.stringify(settings.data.protectedLabels);
  const add = () => {
    const parsed = ZPromptLabel.safeParse(adding);
    if (!parsed.success) return setInvalid(parsed.error.issues[0]?.message ?? "invalid label");
    if (parsed.data === "latest") return setInvalid("'latest' always moves to the newest version; it cannot be protected");
    setInvalid(null);
    setLabels((l) => (l && !l.includes(parsed.data) ? [...l, parsed.data] : l));
    setAdding("");
  };

  return (
    <div>
      <PageHeader
        title="Prompt releases"
        description="Protected labels move only with an admin's approval."
        actions={
          isAdmin ? (
            <Button size="sm" disabled={!dirty || save.isPending} onClick={() => labels && save.mutate({ protectedLabels: labels })}>
              {save.isPending ? "Saving…" : "Save changes"}
            </Button>
          ) : null
        }
      />
      <div className="max-w-3xl space-y-5 p-5">
        {settings.isError ? (
          <ErrorState title="Could not load prompt settings" error={settings.error} onRetry={() => settings.refetch()} />
        ) : !labels ? (
          <Skeleton className="h-40 w-full" />
        ) : (
          <section className="rounded-lg border" aria-label="Protected labels">
            <div className="border-b px-4 py-3">
              <h2 className="text-sm font-semibold">Protected labels</h2>
              <p className="text-xs text-muted-foreground">
                Members create versions and request a move of these labels; admins and owners approve or reject from the prompt page or the
                pending releases list. Moves of other labels take effect at once.
              </p>
            </div>
            <ul className="divide-y" data-testid="protected-labels">
              {labels.length === 0 ? (
                <li className="px-4 py-3 text-sm text-muted-foreground">No protected labels: any member can release any version.</li>
              ) : (
                labels.map((label) => (
                  <li key={label} className="flex h-10 items-center gap-2 px-4">
                    <Lock className="h-3.5 w-3.5 text-muted-foreground" />
                    <span className="font-mono text-sm">{label}</span>
                    {label === PRODUCTION_LABEL ? (
                      <span className="text-xs text-muted-foreground">what the SDKs fetch by default</span>
                    ) : null}
                    <span className="flex-1" />
                    {isAdmin ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Unprotect ${label}`}
                        onClick={() => setLabels((l) => l?.filter((x) => x !== label) ?? null)}
                      >
                        <X className="h-3.5 w-3.5" />
                      </Button>
                    ) : null}
                  </li>
                ))
              )}
            </ul>
            {isAdmin ? (
              <form
                className="flex items-center gap-2 border-t px-4 py-3"
                onSubmit={(e) => {
                  e.preventDefault();
                  add();
                }}
              >
                <Input
                  aria-label="Label to protect"
                  className="h-8 max-w-60"
                  placeholder="e.g. staging"
                  value={adding}
                  onChange={(e) => setAdding(e.target.value)}
                />
                <Button size="sm" variant="secondary" type="submit" disabled={!adding.trim()}>
                  <Plus className="h-3.5 w-3.5" /> Protect label
                </Button>
              </form>
            ) : (
              <p className="border-t px-4 py-3 text-xs text-muted-foreground" data-testid="prompt-settings-readonly">
                Only project admins and owners change which labels are protected.
              </p>
            )}
          </section>
        )}
        <FormError message={invalid ?? save.error?.message ?? null} />
        {save.isSuccess && !dirty ? (
          <p role="status" className="text-sm text-muted-foreground">
            Saved.
          </p>
        ) : null}
      </div>
    </div>
  );
}
