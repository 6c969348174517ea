"use client";

import type { TPromptVersionMetrics } from "@loupe/contracts";
import { Activity } from "lucide-react";
import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { formatCost, formatDuration, formatTokens } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";
import { usePromptGenerations, usePromptMetrics } from "../hooks/use-prompts";

export const METRICS_DAYS = 30;

const EMPTY: Omit<TPromptVersionMetrics, "version"> = {
  count: 0,
  latencyP50Ms: null,
  latencyP95Ms: null,
  totalCost: null,
  inputTokens: 0,
  outputTokens: 0,
  scores: [],
};

/** The figures of one version, as a row of stats; the same block sits side by side when comparing. */
export function VersionMetrics({ metrics, version }: { metrics: TPromptVersionMetrics | undefined; version: number }) {
  const m = metrics ?? { ...EMPTY, version };
  return (
    <dl className="grid grid-cols-2 gap-3 rounded-lg border p-3 @min-[560px]:grid-cols-3" data-testid={`version-metrics-${version}`}>
      <Stat label="Generations">{m.count.toLocaleString("en-US")}</Stat>
      <Stat label="Latency p50">{formatDuration(m.latencyP50Ms)}</Stat>
      <Stat label="Latency p95">{formatDuration(m.latencyP95Ms)}</Stat>
      <Stat label="Cost">{formatCost(m.totalCost)}</Stat>
      <Stat label="Tokens in">{formatTokens(m.inputTokens)}</Stat>
      <Stat label="Tokens out">{formatTokens(m.outputTokens)}</Stat>
      {m.scores.map((s) => (
        <Stat key={s.name} label={`${s.name} (avg)`}>
          <span title={`${s.count} score${s.count === 1 ? "" : "s"}`}>{s.average.toFixed(2)}</span>
        </Stat>
      ))}
    </dl>
  );
}

/** Metrics of the selected version over the last 30 days and its newest generations, each linked to its trace. */
export function VersionGenerations({ projectId, name, version }: { projectId: string; name: string; version: number }) {
  const metrics = usePromptMetrics(projectId, name, METRICS_DAYS);
  const generations = usePromptGenerations(projectId, name, version);
  const routes = projectRoutes(projectId);
  if (metrics.error || generations.error) {
    return (
      <ErrorState
        title="Could not load the generations"
        error={metrics.error ?? generations.error}
        onRetry={() => {
          void metrics.refetch();
          void generations.refetch();
        }}
      />
    );
  }
  return (
    <div className="@container flex flex-col gap-3">
      <p className="text-xs text-muted-foreground">
        Generations whose SDK call named this prompt and version, in the last {METRICS_DAYS} days.
      </p>
      {metrics.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : (
        <VersionMetrics metrics={metrics.data.data.find((m) => m.version === version)} version={version} />
      )}
      {generations.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : generations.data.data.length === 0 ? (
        <EmptyState icon={<Activity className="h-5 w-5" />} title="No generations used this version yet">
          Pass the prompt to your generation (<code className="font-mono">prompt: prompt</code> in the SDKs) and its calls show here.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border">
          <table className="w-full text-[13px]" data-testid="version-generations">
            <thead className="bg-muted text-left text-xs text-muted-foreground">
              <tr>
                <th className="px-3 py-1.5 font-medium">Started</th>
                <th className="px-3 py-1.5 font-medium">Generation</th>
                <th className="px-3 py-1.5 font-medium">Model</th>
                <th className="px-3 py-1.5 text-right font-medium">Latency</th>
                <th className="px-3 py-1.5 text-right font-medium">Tokens</th>
                <th className="px-3 py-1.5 text-right font-medium">Cost</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {generations.data.data.map((g) => (
                <tr key={g.id} className="h-8 hover:bg-muted/50">
                  <td className="px-3 whitespace-nowrap text-muted-foreground">
                    <RelativeTime iso={g.startTime} />
                  </td>
                  <td className="max-w-64 truncate px-3">
                    <Link className="text-accent underline-offset-2 hover:underline" href={routes.trace(g.traceId, g.id)}>
                      {g.name ?? g.id}
                    </Link>
                  </td>
                  <td className="truncate px-3 font-mono text-xs">{g.model ?? "—"}</td>
                  <td className="px-3 text-right font-mono text-xs tabular-nums">{formatDuration(g.latencyMs)}</td>
                  <td className="px-3 text-right font-mono text-xs tabular-nums whitespace-nowrap">
                    {formatTokens(g.inputTokens)} → {formatTokens(g.outputTokens)}
                  </td>
                  <td className="px-3 text-right font-mono text-xs tabular-nums">{formatCost(g.totalCost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Two versions' metrics side by side (the compare tab). */
export function CompareMetrics({ projectId, name, left, right }: { projectId: string; name: string; left: number; right: number }) {
  const metrics = usePromptMetrics(projectId, name, METRICS_DAYS);
  if (metrics.isPending) return <Skeleton className="h-24 w-full" />;
  if (metrics.error) return <ErrorState title="Could not load the metrics" error={metrics.error} onRetry={() => metrics.refetch()} />;
  return (
    <section aria-label="Metrics side by side" className="@container grid gap-3 md:grid-cols-2">
      {[left, right].map((v) => (
        <div key={v} className="flex flex-col gap-1.5">
          <h3 className="font-mono text-xs font-semibold">
            v{v} · last {METRICS_DAYS} days
          </h3>
          <VersionMetrics metrics={metrics.data.data.find((m) => m.version === v)} version={v} />
        </div>
      ))}
    </section>
  );
}
