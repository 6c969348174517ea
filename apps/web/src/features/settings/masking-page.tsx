"use client";

import { type TMaskingSettings, ZMaskingSettings } from "@loupe/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useEffect, useState } from "react";
import { PageHeader } from "@/components/layout/app-shell";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/states";
import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

const BUILT_IN = [
  ["[EMAIL]", "Email addresses"],
  ["[PHONE]", "Phone numbers (international and grouped national forms)"],
  ["[CARD]", "Payment card numbers that pass the Luhn check"],
  ["[TOKEN]", "API keys (sk-…, pk-lf-…, GitHub, AWS, Slack, Google), bearer tokens and JWTs"],
  ["[IBAN]", "IBANs with a valid checksum"],
  ["[ID]", "US social security numbers"],
];

export function MaskingPage({ projectId }: { projectId: string }) {
  const queryClient = useQueryClient();
  const url = `/api/internal/projects/${encodeURIComponent(projectId)}/settings/masking`;
  const settings = useQuery({ queryKey: queryKeys.masking(projectId), queryFn: () => apiFetch(ZMaskingSettings, url) });
  const [draft, setDraft] = useState<TMaskingSettings | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (body: TMaskingSettings) => apiFetch(ZMaskingSettings, url, { method: "PUT", body }),
    onSuccess: (data) => queryClient.setQueryData(queryKeys.masking(projectId), data),
  });
  const dirty = draft && settings.data && JSON.stringify(draft) !== JSON.stringify(settings.data);
  const setRule = (i: number, patch: Partial<TMaskingSettings["customRules"][number]>) =>
    setDraft((d) => d && { ...d, customRules: d.customRules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });

  return (
    <div>
      <PageHeader
        title="Data masking"
        description="Mask personal data in inputs, outputs and metadata before Loupe stores anything."
        actions={
          <Button size="sm" disabled={!dirty || save.isPending} onClick={() => draft && save.mutate(draft)}>
            {save.isPending ? "Saving…" : "Save changes"}
          </Button>
        }
      />
      <div className="max-w-3xl space-y-5 p-5">
        {settings.isError ? (
          <ErrorState title="Could not load masking settings" error={settings.error} onRetry={() => settings.refetch()} />
        ) : !draft ? (
          <Skeleton className="h-40 w-full" />
        ) : (
          <>
            <label className="flex items-start gap-3 rounded-lg border p-4">
              <input
                type="checkbox"
                className="mt-0.5"
                checked={draft.enabled}
                onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
                aria-describedby="masking-help"
              />
              <span>
                <span className="block text-sm font-medium">Mask personal data at ingestion</span>
                <span id="masking-help" className="block text-xs text-muted-foreground">
                  Applies to events received after saving. Data already stored is not changed.
                </span>
              </span>
            </label>
            <section className="overflow-hidden rounded-lg border">
              <h2 className="border-b bg-panel px-3 py-2 text-xs font-medium text-muted-foreground">Built-in detectors</h2>
              <table className="w-full text-[13px]">
                <tbody>
                  {BUILT_IN.map(([label, what]) => (
                    <tr key={label} className="border-t first:border-0">
                      <td className="w-28 px-3 py-1.5 font-mono text-xs">{label}</td>
                      <td className="px-3 py-1.5 text-muted-foreground">{what}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="space-y-2">
              <div className="flex items-center justify-between">
                <h2 className="text-sm font-medium">Custom rules</h2>
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() =>
                    setDraft({ ...draft, customRules: [...draft.customRules, { name: "", pattern: "", replacement: "[REDACTED]" }] })
                  }
                >
                  <Plus className="h-3.5 w-3.5" /> Add rule
                </Button>
              </div>
              <p className="text-xs text-muted-foreground" data-testid="pattern-help">
                {/* As strings: in JSX text `{6}` is an expression, which rendered the example as "EMP-\d6". */}
                Patterns are regular expressions in RE2 syntax (linear time: no backreferences or lookaround), e.g.{" "}
                <code className="font-mono">{"EMP-\\d{6}"}</code> for employee ids or <code className="font-mono">{"ORD-[A-Z0-9]{8}"}</code>{" "}
                for order numbers.
              </p>
              {draft.customRules.length === 0 ? (
                <p className="rounded-lg border border-dashed p-4 text-center text-xs text-muted-foreground">
                  No custom rules. Add one to mask your own identifiers, e.g. <span className="font-mono">{"EMP-\\d{6}"}</span>.
                </p>
              ) : (
                draft.customRules.map((rule, i) => (
                  <div key={i} className="grid grid-cols-[1fr_2fr_1fr_auto] gap-2">
                    <Input
                      aria-label="Rule name"
                      placeholder="Name"
                      value={rule.name}
                      onChange={(e) => setRule(i, { name: e.target.value })}
                    />
                    <Input
                      aria-label="Pattern"
                      placeholder={"EMP-\\d{6}"}
                      className="font-mono text-xs"
                      value={rule.pattern}
                      onChange={(e) => setRule(i, { pattern: e.target.value })}
                    />
                    <Input
                      aria-label="Replacement"
                      value={rule.replacement}
                      onChange={(e) => setRule(i, { replacement: e.target.value })}
                    />
                    <Button
                      variant="ghost"
                      aria-label="Remove rule"
                      onClick={() => setDraft({ ...draft, customRules: draft.customRules.filter((_, j) => j !== i) })}
                    >
                      <Trash2 className="h-4 w-4" />
                    </Button>
                  </div>
                ))
              )}
            </section>
            <FormError message={save.isError ? save.error.message : null} />
            {save.isSuccess && !dirty ? <p className="text-xs text-muted-foreground">Saved.</p> : null}
          </>
        )}
      </div>
    </div>
  );
}
