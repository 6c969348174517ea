"use client";

import { Maximize2 } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { PeekLayout, PeekToolbar } from "@/components/layout/peek-layout";
import { projectRoutes } from "@/lib/shared/routes";
import type { PeekState } from "@/lib/client/use-peek";
import { TraceView } from "./trace-view";

/** A list page (traces, observations) with the trace of its `?peek=` beside it. */
export function TracePeekLayout({
  id,
  projectId,
  peek,
  children,
}: {
  id: string;
  projectId: string;
  peek: PeekState;
  children: ReactNode;
}) {
  return (
    <PeekLayout
      id={id}
      label="Trace preview"
      onClose={peek.close}
      preview={
        peek.traceId ? (
          <TracePeek
            projectId={projectId}
            traceId={peek.traceId}
            observationId={peek.observationId}
            onSelectObservation={peek.selectObservation}
            onClose={peek.close}
          />
        ) : null
      }
    >
      {children}
    </PeekLayout>
  );
}

/** A trace in a list's preview panel: the trace view with close and open-in-full in its toolbar. */
function TracePeek({
  projectId,
  traceId,
  observationId,
  onSelectObservation,
  onClose,
}: {
  projectId: string;
  traceId: string;
  observationId: string | null;
  onSelectObservation: (observationId: string | null) => void;
  onClose: () => void;
}) {
  return (
    <TraceView
      source={{ projectId, traceId, shared: false }}
      selectedObservationId={observationId}
      onSelectObservation={onSelectObservation}
      headingLevel={2}
      toolbar={
        <PeekToolbar
          title="Trace preview"
          onClose={onClose}
          actions={
            <Link
              href={projectRoutes(projectId).trace(traceId, observationId)}
              className="inline-flex h-7 items-center gap-1.5 rounded-md border bg-background px-2.5 text-xs font-medium hover:bg-muted"
            >
              <Maximize2 className="h-3.5 w-3.5" aria-hidden />
              Open trace
            </Link>
          }
        />
      }
    />
  );
}
