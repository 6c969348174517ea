"use client";

import { EXECUTION_STATUSES, ZEvalRule } from "@loupe/contracts";
import { useMutation } from "@tanstack/react-query";
import { Pause, Pencil, Play } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { PageHeader } from "@/components/layout/app-shell";
import { Button } from "@/components/ui/button";
import { PageSkeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/states";
import { apiFetch } from "@/lib/client/api-client";
import { useHasRole } from "@/lib/client/project-role";
import { projectRoutes } from "@/lib/shared/routes";
import { ExecutionLog } from "./execution-log";
import { evaluationsApi, useExecutions, useInvalidateEvaluations, useRule } from "./hooks";
import { RuleStatusBadge } from "./rules-page";
import { ScoreChart } from "./score-chart";

/** One rule: its state (with why it paused), pause/resume, its scores per day and its execution log. */
export function RulePage({ projectId, ruleId }: { projectId: string; ruleId: string }) {
  const rule = useRule(projectId, ruleId, { live: true });
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(1);
  const executions = useExecutions(projectId, ruleId, status, page);
  const canWrite = useHasRole("MEMBER");
  const invalidate = useInvalidateEvaluations(projectId);
  const toggle = useMutation({
    mutationFn: (enabled: boolean) =>
      apiFetch(ZEvalRule, `${evaluationsApi(projectId)}/rules/${encodeURIComponent(ruleId)}/state`, { method: "POST", body: { enabled } }),
    onSuccess: invalidate,
  });
  if (rule.isError)
    return (
      <div className="p-5">
        <ErrorState title="Could not load the rule" error={rule.error} onRetry={() => rule.refetch()} />
      </div>
    );
  if (!rule.data) return <PageSkeleton body="h-40" />;
  const r = rule.data;
  const running = r.status === "active";
  return (
    <div>
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {r.name} <RuleStatusBadge rule={r} />
          </span>
        }
        description={`${r.evaluatorName ?? "deleted evaluator"} on ${r.target === "trace" ? "traces" : `${(r.observationType ?? "all").toLowerCase()} observations`} · ${Math.round(r.sampling * 1000) / 10} % sampled${r.delaySeconds ? ` · ${r.delaySeconds} s delay` : ""}${r.runOnNew ? "" : " · backfill only"}`}
        actions={
          canWrite ? (
            <div className="flex gap-2">
              <Button size="sm" variant="secondary" disabled={toggle.isPending} onClick={() => toggle.mutate(!running)}>
                {running ? <Pause className="h-3.5 w-3.5" /> : <Play className="h-3.5 w-3.5" />} {running ? "Pause" : "Resume"}
              </Button>
              <Link href={projectRoutes(projectId).evaluationRuleEditor(ruleId)}>
                <Button size="sm" variant="secondary">
                  <Pencil className="h-3.5 w-3.5" /> Edit
                </Button>
              </Link>
            </div>
          ) : null
        }
      />
      <div className="max-w-6xl space-y-5 p-5">
        {r.status === "paused" ? (
          <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger" data-testid="paused-reason">
            Paused because of an error ({r.pausedReason}): {r.pausedMessage}
          </p>
        ) : null}
        {toggle.isError ? <ErrorState title="Could not change the rule" message={toggle.error.message} /> : null}
        <div className="grid grid-cols-4 gap-3 min-[900px]:grid-cols-[repeat(4,minmax(0,1fr))_2fr]">
          {EXECUTION_STATUSES.map((s) => (
            <div key={s} className="rounded-lg border bg-panel p-3">
              <div className="text-xs text-muted-foreground">{s.toLowerCase()}</div>
              <div className="font-mono text-lg tabular-nums">{r.counts[s]}</div>
            </div>
          ))}
          <div className="col-span-4 min-[900px]:col-span-1">
            <ScoreChart daily={executions.data?.daily ?? []} />
          </div>
        </div>
        <ExecutionLog
          projectId={projectId}
          query={executions}
          status={status}
          onStatus={(s) => {
            setStatus(s);
            setPage(1);
          }}
          page={page}
          onPage={setPage}
        />
      </div>
    </div>
  );
}
