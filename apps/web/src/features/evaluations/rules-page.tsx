"use client";

import type { TEvalRule } from "@loupe/contracts";
import { Gavel, Plus } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/layout/app-shell";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SimpleTable } from "@/components/ui/simple-table";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { useHasRole } from "@/lib/client/project-role";
import { projectRoutes } from "@/lib/shared/routes";
import { useRules } from "./hooks";

export function RuleStatusBadge({ rule }: { rule: Pick<TEvalRule, "status" | "pausedMessage"> }) {
  const tone = rule.status === "active" ? "accent" : rule.status === "paused" ? "danger" : "neutral";
  return (
    <Badge tone={tone}>
      <span title={rule.pausedMessage ?? undefined}>
        {rule.status === "inactive" ? "paused by you" : rule.status === "paused" ? "paused: error" : "active"}
      </span>
    </Badge>
  );
}

const targetLabel = (r: TEvalRule) => (r.target === "trace" ? "traces" : `${(r.observationType ?? "all").toLowerCase()} observations`);

export function RulesPage({ projectId }: { projectId: string }) {
  const rules = useRules(projectId);
  const canWrite = useHasRole("MEMBER");
  const routes = projectRoutes(projectId);
  const rows = rules.data?.data ?? [];
  return (
    <div>
      <PageHeader
        title="Evaluation rules"
        description="Score new traces or observations with an evaluator as they arrive, or backfill a time range. Judge calls run on the worker's own queue."
        actions={
          canWrite ? (
            <Link href={routes.evaluationRuleEditor()}>
              <Button size="sm">
                <Plus className="h-3.5 w-3.5" /> New rule
              </Button>
            </Link>
          ) : null
        }
      />
      <div className="max-w-6xl p-5">
        {rules.isError ? (
          <ErrorState title="Could not load evaluation rules" error={rules.error} onRetry={() => rules.refetch()} />
        ) : !rules.isPending && rows.length === 0 ? (
          <EmptyState icon={<Gavel className="h-6 w-6 text-accent" />} title="No evaluation rules yet">
            <p>
              A rule picks an{" "}
              <Link className="text-accent hover:underline" href={routes.evaluators}>
                evaluator
              </Link>
              , the traces it applies to (the traces table's filters), a sampling rate and how each variable is filled. Its scores appear on
              the traces with the judge's reasoning.
            </p>
          </EmptyState>
        ) : (
          <SimpleTable
            minWidth="min-w-[760px]"
            pending={rules.isPending}
            columns={[
              { header: "Name" },
              { header: "Evaluator" },
              { header: "Scores" },
              { header: "Sampling", numeric: true },
              { header: "Status" },
              { header: "Done", numeric: true },
              { header: "Pending", numeric: true },
              { header: "Failed", numeric: true },
            ]}
          >
            {rows.map((r) => (
              <tr key={r.id} className="h-9 border-t" data-testid="rule-row">
                <td className="max-w-64 truncate px-3 font-medium" title={r.name}>
                  <Link className="hover:underline" href={routes.evaluationRule(r.id)}>
                    {r.name}
                  </Link>
                </td>
                <td className="max-w-48 truncate px-3">{r.evaluatorName ?? "—"}</td>
                <td className="px-3 text-xs text-muted-foreground">{targetLabel(r)}</td>
                <td className="px-3 text-right font-mono text-xs tabular-nums">{Math.round(r.sampling * 1000) / 10} %</td>
                <td className="px-3">
                  <RuleStatusBadge rule={r} />
                </td>
                <td className="px-3 text-right font-mono text-xs tabular-nums">{r.counts.DONE}</td>
                <td className="px-3 text-right font-mono text-xs tabular-nums">{r.counts.PENDING}</td>
                <td className="px-3 text-right font-mono text-xs tabular-nums">{r.counts.FAILED}</td>
              </tr>
            ))}
          </SimpleTable>
        )}
      </div>
    </div>
  );
}
