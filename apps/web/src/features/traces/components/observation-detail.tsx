"use client";

import type { TObservationSummary, TScoreSummary } from "@loupe/contracts";
import { FlaskConical } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { Skeleton } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import { Timestamp } from "@/components/ui/relative-time";
import { ErrorState } from "@/components/ui/states";
import { AddToDatasetButton } from "@/features/datasets";
import { useHasRole } from "@/lib/client/project-role";
import { durationBetween, formatCost, formatDuration, formatTokens } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";
import { type TraceSource, useObservationPayload } from "../hooks/use-trace-detail";
import { ObservationIcon } from "./observation-icon";
import { RetrievedDocuments } from "./payload/retrieved-documents";
import { PayloadView } from "./payload-view";
import { ScoresPanel } from "./scores-panel";

function UsageCostTable({ o }: { o: TObservationSummary }) {
  const keys = [...new Set([...Object.keys(o.usageDetails), ...Object.keys(o.costDetails)])].filter((k) => k !== "total");
  if (keys.length === 0) return null;
  return (
    <section className="overflow-hidden rounded-lg border" aria-label="Usage and cost">
      <div className="flex h-8 items-center border-b bg-panel px-3 text-xs font-medium text-muted-foreground">
        Usage and cost{o.pricingTierName ? <span className="ml-2 font-normal">· {o.pricingTierName} pricing</span> : null}
      </div>
      <table className="w-full text-xs">
        <thead className="text-muted-foreground">
          <tr>
            <th className="px-3 py-1.5 text-left font-medium">Usage type</th>
            <th className="px-3 py-1.5 text-right font-medium">Units</th>
            <th className="px-3 py-1.5 text-right font-medium">Cost</th>
          </tr>
        </thead>
        <tbody className="font-mono tabular">
          {keys.map((k) => (
            <tr key={k} className="border-t">
              <td className="px-3 py-1.5 font-sans">{k}</td>
              <td className="px-3 py-1.5 text-right">{formatTokens(o.usageDetails[k])}</td>
              <td className="px-3 py-1.5 text-right">{formatCost(o.costDetails[k])}</td>
            </tr>
          ))}
          <tr className="border-t bg-panel font-medium">
            <td className="px-3 py-1.5 font-sans">Total</td>
            <td className="px-3 py-1.5 text-right">{formatTokens(o.totalTokens)}</td>
            <td className="px-3 py-1.5 text-right" data-testid="observation-total-cost">
              {formatCost(o.totalCost)}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

export function ObservationDetail({
  source,
  observation: o,
  scores,
  readOnly,
}: {
  source: TraceSource;
  observation: TObservationSummary;
  scores: TScoreSummary[];
  /** No score form (the shared page, or a viewer). */
  readOnly: boolean;
}) {
  const payload = useObservationPayload(source, o.id);
  const ttft = o.completionStartTime ? durationBetween(o.startTime, o.completionStartTime) : null;
  const canRun = useHasRole("MEMBER") && !source.shared && o.type === "GENERATION";
  return (
    <div className="space-y-4">
      <div className="flex items-start gap-2">
        <ObservationIcon type={o.type} className="mt-0.5" />
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-sm font-semibold" title={o.name ?? undefined}>
            {o.name ?? o.type.toLowerCase()}
          </h2>
          <div className="flex items-center gap-1 text-xs text-muted-foreground">
            <span className="truncate font-mono">{o.id}</span>
            <CopyButton value={o.id} label="Copy observation id" />
          </div>
        </div>
        {canRun ? (
          <Link
            href={projectRoutes(source.projectId).playground({ traceId: o.traceId, observationId: o.id })}
            className="inline-flex h-6 shrink-0 items-center gap-1 rounded-md border px-2 text-xs font-medium hover:bg-muted"
          >
            <FlaskConical className="h-3.5 w-3.5 text-accent" /> Open in playground
          </Link>
        ) : null}
        {!source.shared && payload.data ? (
          <AddToDatasetButton
            projectId={source.projectId}
            source={{ traceId: o.traceId, observationId: o.id }}
            input={payload.data.input}
            output={payload.data.output}
          />
        ) : null}
        <Badge tone={o.level === "ERROR" ? "danger" : o.level === "WARNING" ? "warning" : "neutral"}>{o.type}</Badge>
        {o.level !== "DEFAULT" ? (
          <Badge tone={o.level === "ERROR" ? "danger" : o.level === "WARNING" ? "warning" : "neutral"}>{o.level}</Badge>
        ) : null}
      </div>
      {o.statusMessage ? (
        <p className={`rounded-md px-3 py-2 text-xs ${o.level === "ERROR" ? "bg-danger-soft text-danger" : "bg-muted"}`}>
          {o.statusMessage}
        </p>
      ) : null}
      <dl className="grid grid-cols-2 gap-3 rounded-lg border p-3 @min-[560px]:grid-cols-4">
        {/* Two columns: a full timestamp with its zone does not fit one. */}
        <Stat label="Start" className="col-span-2">
          <Timestamp iso={o.startTime} />
        </Stat>
        <Stat label="Duration">{formatDuration(durationBetween(o.startTime, o.endTime))}</Stat>
        {o.model ? <Stat label="Model">{o.model}</Stat> : null}
        {ttft !== null ? <Stat label="First token">{formatDuration(ttft)}</Stat> : null}
        {o.totalTokens !== null ? (
          <Stat label="Tokens">
            {formatTokens(o.inputTokens)} → {formatTokens(o.outputTokens)}
          </Stat>
        ) : null}
        {o.totalCost !== null ? <Stat label="Cost">{formatCost(o.totalCost)}</Stat> : null}
        {o.promptName ? (
          <Stat label="Prompt">
            {source.shared ? (
              `${o.promptName} v${o.promptVersion ?? ""}`
            ) : (
              <Link
                className="text-accent underline-offset-2 hover:underline"
                href={projectRoutes(source.projectId).prompt(o.promptName, o.promptVersion ?? undefined)}
                data-testid="observation-prompt-link"
              >
                {o.promptName} v{o.promptVersion}
              </Link>
            )}
          </Stat>
        ) : null}
        {o.version ? <Stat label="Version">{o.version}</Stat> : null}
      </dl>
      <UsageCostTable o={o} />
      <ScoresPanel projectId={source.projectId} traceId={o.traceId} observationId={o.id} scores={scores} readOnly={readOnly} />
      {o.modelParameters && Object.keys(o.modelParameters).length > 0 ? (
        <PayloadView label="Model parameters" value={o.modelParameters} />
      ) : null}
      {payload.isError ? (
        <ErrorState title="Could not load input and output" error={payload.error} onRetry={() => payload.refetch()} />
      ) : payload.data ? (
        <>
          {o.type === "RETRIEVER" ? <RetrievedDocuments output={payload.data.output} metadata={payload.data.metadata} /> : null}
          <PayloadView label="Input" value={payload.data.input} />
          <PayloadView label="Output" value={payload.data.output} />
          <PayloadView label="Metadata" value={payload.data.metadata} />
        </>
      ) : (
        <div className="space-y-2">
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-24 w-full" />
        </div>
      )}
    </div>
  );
}
