"use client";

import type { TEvalOutputDefinition } from "@loupe/contracts";
import { useMutation } from "@tanstack/react-query";
import { Plus, Scale, Trash2 } from "lucide-react";
import Link from "next/link";
import { z } from "zod";
import { PageHeader } from "@/components/layout/app-shell";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SimpleTable } from "@/components/ui/simple-table";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { apiFetch } from "@/lib/client/api-client";
import { useHasRole } from "@/lib/client/project-role";
import { formatRelative } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";
import { evaluationsApi, useEvaluatorLibrary, useEvaluators, useInvalidateEvaluations } from "./hooks";

/** How an output definition reads in a list: "0–1", "true / false", "concise · verbose". */
export function outputLabel(def: TEvalOutputDefinition): string {
  if (def.dataType === "NUMERIC") return `number ${def.score.minValue ?? "−∞"}–${def.score.maxValue ?? "∞"}`;
  if (def.dataType === "BOOLEAN") return "true / false";
  return def.score.categories.join(" · ");
}

/** The project's evaluators (latest versions) and the shipped library to start new ones from. */
export function EvaluatorsPage({ projectId }: { projectId: string }) {
  const evaluators = useEvaluators(projectId);
  const library = useEvaluatorLibrary(projectId);
  const canWrite = useHasRole("MEMBER");
  const routes = projectRoutes(projectId);
  const invalidate = useInvalidateEvaluations(projectId);
  const remove = useMutation({
    mutationFn: (evaluatorId: string) =>
      apiFetch(z.object({ message: z.string() }), `${evaluationsApi(projectId)}/evaluators/${encodeURIComponent(evaluatorId)}`, {
        method: "DELETE",
      }),
    onSuccess: invalidate,
  });
  const rows = evaluators.data?.data ?? [];

  return (
    <div>
      <PageHeader
        title="Evaluators"
        description="LLM-as-a-judge templates: a prompt with {{variables}}, a judge model and what it answers. Every save is a new version; scores name the version."
        actions={
          canWrite ? (
            <Link href={routes.evaluatorEditor()}>
              <Button size="sm">
                <Plus className="h-3.5 w-3.5" /> New evaluator
              </Button>
            </Link>
          ) : null
        }
      />
      <div className="max-w-6xl space-y-6 p-5">
        {remove.isError ? <ErrorState title="Could not delete the evaluator" message={remove.error.message} /> : null}
        {evaluators.isError ? (
          <ErrorState title="Could not load evaluators" error={evaluators.error} onRetry={() => evaluators.refetch()} />
        ) : !evaluators.isPending && rows.length === 0 ? (
          <EmptyState icon={<Scale className="h-6 w-6 text-accent" />} title="No evaluators yet">
            <p>
              Start from a template of the library below, or write your own judge prompt. Then add an evaluation rule to score traces as
              they arrive.
            </p>
          </EmptyState>
        ) : (
          <SimpleTable
            minWidth="min-w-[720px]"
            pending={evaluators.isPending}
            columns={[
              { header: "Name" },
              { header: "Version", numeric: true },
              { header: "Answers" },
              { header: "Judge model" },
              { header: "Rules", numeric: true },
              { header: "Saved" },
              ...(canWrite ? [{ header: "" }] : []),
            ]}
          >
            {rows.map((e) => (
              <tr key={e.evaluatorId} className="h-9 border-t" data-testid="evaluator-row">
                <td className="max-w-64 truncate px-3 font-medium" title={e.name}>
                  <Link className="hover:underline" href={routes.evaluatorEditor({ evaluatorId: e.evaluatorId })}>
                    {e.name}
                  </Link>
                </td>
                <td className="px-3 text-right font-mono text-xs tabular-nums">v{e.version}</td>
                <td className="max-w-64 truncate px-3 text-xs" title={outputLabel(e.outputDefinition)}>
                  <Badge>{e.outputDefinition.dataType.toLowerCase()}</Badge>{" "}
                  <span className="text-muted-foreground">{outputLabel(e.outputDefinition)}</span>
                </td>
                <td className="px-3 font-mono text-xs">{e.model ?? "—"}</td>
                <td className="px-3 text-right font-mono text-xs tabular-nums">{e.ruleCount}</td>
                <td className="px-3 text-xs text-muted-foreground">{formatRelative(e.createdAt)}</td>
                {canWrite ? (
                  <td className="px-3 text-right">
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Delete ${e.name}`}
                      disabled={remove.isPending}
                      onClick={() => {
                        if (
                          window.confirm(
                            `Delete ${e.name} with all its versions and its ${e.ruleCount} rule(s)? Scores already written stay.`,
                          )
                        )
                          remove.mutate(e.evaluatorId);
                      }}
                    >
                      <Trash2 className="h-3.5 w-3.5 text-danger" />
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </SimpleTable>
        )}

        <section>
          <h2 className="mb-2 text-sm font-semibold">Library</h2>
          {library.isError ? (
            <ErrorState title="Could not load the library" error={library.error} onRetry={() => library.refetch()} />
          ) : (
            <div className="grid gap-3 min-[700px]:grid-cols-2 min-[1100px]:grid-cols-3">
              {(library.data?.data ?? []).map((t) => (
                <div key={t.key} className="flex flex-col gap-2 rounded-lg border bg-panel p-3" data-testid="library-template">
                  <div className="flex items-center justify-between gap-2">
                    <span className="text-sm font-medium">{t.name}</span>
                    <Badge>{t.outputDefinition.dataType.toLowerCase()}</Badge>
                  </div>
                  <p className="flex-1 text-xs text-muted-foreground">{t.summary}</p>
                  <div className="flex items-center justify-between gap-2">
                    <span className="truncate font-mono text-[11px] text-muted-foreground">
                      {t.variables.map((v) => `{{${v}}}`).join(" ")}
                    </span>
                    {canWrite ? (
                      <Link href={routes.evaluatorEditor({ template: t.key })}>
                        <Button size="sm" variant="secondary">
                          Use
                        </Button>
                      </Link>
                    ) : null}
                  </div>
                </div>
              ))}
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
