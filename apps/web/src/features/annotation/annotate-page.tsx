"use client";

import { CheckCircle2, ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useShortcuts } from "@/components/keyboard/shortcuts";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { BackLink, DetailError, DetailLoading } from "@/components/ui/detail-states";
import { EmptyState } from "@/components/ui/states";
import { SessionPage } from "@/features/sessions";
import { TraceView } from "@/features/traces";
import { useCan } from "@/lib/client/project-role";
import { projectRoutes } from "@/lib/shared/routes";
import { Progress } from "./components/progress";
import { ReviewForm } from "./components/review-form";
import { useCompleteItem, useReviewItem } from "./hooks/use-annotation";

/**
 * The reviewer's view: the item's trace, observation or session on the left, the queue's score form
 * and a comment on the right. Driven from the keyboard: ←/→ (or p/n) previous and next item, e focuses
 * the first score field (Tab moves on, Space picks a label), s skips
 * to the next pending one, ⌘/Ctrl+Enter completes and moves on. The item is in the URL (`?item=`).
 */
export function AnnotatePage({ projectId, queueId }: { projectId: string; queueId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const itemId = useSearchParams().get("item");
  const review = useReviewItem(projectId, queueId, itemId);
  const complete = useCompleteItem(projectId, queueId);
  const canAnnotate = useCan("annotate");
  const [observation, setObservation] = useState<string | null>(null);
  const routes = projectRoutes(projectId);
  const r = review.data?.review ?? null;
  const go = (id: string | null | undefined) => {
    if (!id) return false;
    setObservation(null);
    complete.reset();
    router.replace(`${pathname}?item=${encodeURIComponent(id)}`);
  };
  const finish = (scores: { configId: string; value: number | string }[], comment: string) => {
    if (!r) return;
    complete.mutate(
      { itemId: r.item.id, scores, comment: comment.trim() || undefined },
      {
        // The last pending item stays on screen, now completed, with the queue-complete note.
        onSuccess: (done) => {
          if (done.nextPendingId) go(done.nextPendingId);
          else review.refetch();
        },
      },
    );
  };
  useShortcuts("Annotate", [
    { keys: ["ArrowRight", "n"], description: "Next item", run: () => go(r?.nextId) },
    { keys: ["ArrowLeft", "p"], description: "Previous item", run: () => go(r?.previousId) },
    { keys: ["s"], description: "Skip to the next pending item", run: () => go(r?.nextPendingId) },
    {
      keys: ["e"],
      description: "Start scoring: focus the first score field (Tab moves on)",
      run: () => {
        const first = document.querySelector<HTMLElement>("#review-form [data-first-field]");
        (first?.matches("input") ? first : first?.querySelector<HTMLElement>("button"))?.focus();
      },
    },
    {
      keys: ["Enter"],
      description: "⌘/Ctrl+Enter: complete and go to the next pending item",
      run: (e) => {
        if (!(e.metaKey || e.ctrlKey)) return false;
        (document.getElementById("review-form") as HTMLFormElement | null)?.requestSubmit();
      },
    },
  ]);

  const back = <BackLink href={routes.annotationQueue(queueId)}>Queue</BackLink>;
  if (review.isError) {
    return (
      <DetailError
        back={back}
        what="Queue item"
        error={review.error}
        missingHint="It may have been removed from the queue."
        onRetry={() => review.refetch()}
      />
    );
  }
  if (!review.data) return <DetailLoading back={back} />;
  if (!r) {
    return (
      <div className="space-y-4 p-5">
        {back}
        <EmptyState icon={<CheckCircle2 className="h-6 w-6 text-accent" />} title="Nothing left to review">
          Every item of this queue is completed.{" "}
          <Link className="underline" href={routes.annotationQueue(queueId)}>
            See who scored what
          </Link>
          .
        </EmptyState>
      </div>
    );
  }
  const { item } = r;
  const traceId = item.objectType === "TRACE" ? item.objectId : r.traceId;
  const allDone = r.queue.counts.pending === 0;
  return (
    <div className="flex h-screen flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b px-5 py-2">
        {back}
        <h1 className="truncate text-sm font-semibold">{r.queue.name}</h1>
        <Badge tone={item.status === "COMPLETED" ? "accent" : "neutral"}>{item.status.toLowerCase()}</Badge>
        <div className="ml-auto flex items-center gap-2">
          <span className="text-xs tabular" data-testid="review-position">
            {r.position} of {r.total}
          </span>
          <Progress done={r.queue.counts.completed} total={r.total} label={`${r.queue.counts.completed} done`} />
          <Button variant="secondary" size="sm" aria-label="Previous item" disabled={!r.previousId} onClick={() => go(r.previousId)}>
            <ChevronLeft className="h-3.5 w-3.5" />
          </Button>
          <Button variant="secondary" size="sm" aria-label="Next item" disabled={!r.nextId} onClick={() => go(r.nextId)}>
            <ChevronRight className="h-3.5 w-3.5" />
          </Button>
        </div>
      </header>
      <div className="flex min-h-0 flex-1 max-[900px]:flex-col">
        <div
          className="min-h-0 min-w-0 flex-1 overflow-y-auto border-r max-[900px]:border-r-0 max-[900px]:border-b"
          data-testid="review-content"
        >
          {item.objectType === "SESSION" ? (
            <SessionPage projectId={projectId} sessionId={item.objectId} />
          ) : traceId ? (
            <TraceView
              key={traceId}
              source={{ projectId, traceId, shared: false }}
              selectedObservationId={observation ?? (item.objectType === "OBSERVATION" ? item.objectId : null)}
              onSelectObservation={setObservation}
              toolbar={
                <span className="text-xs text-muted-foreground">
                  {item.objectType === "OBSERVATION" ? "Observation under review, in its trace" : "Trace under review"}
                </span>
              }
              headingLevel={2}
            />
          ) : (
            <p className="p-5 text-sm text-muted-foreground">
              The {item.objectType.toLowerCase()} {item.objectId} no longer exists.
            </p>
          )}
        </div>
        <aside className="w-[360px] shrink-0 overflow-y-auto p-5 max-[900px]:w-full" aria-label="Annotation">
          {allDone ? (
            <p role="status" className="mb-4 rounded-md bg-accent-soft px-3 py-2 text-sm text-accent">
              Queue complete: all {r.total} items are scored.
            </p>
          ) : null}
          <ReviewForm
            key={item.id}
            review={r}
            readOnly={!canAnnotate}
            pending={complete.isPending}
            error={complete.error?.message ?? null}
            onComplete={finish}
            onSkip={() => go(r.nextPendingId)}
          />
          <p className="mt-6 text-[11px] text-muted-foreground">
            <kbd>←</kbd> <kbd>→</kbd> previous / next · <kbd>E</kbd> score · <kbd>S</kbd> skip · <kbd>⌘↵</kbd> complete · <kbd>?</kbd> all
            keys
          </p>
        </aside>
      </div>
    </div>
  );
}
