import { z } from "zod";

/**
 * Every background job: its payload schema, retries and concurrency. The worker registers the whole
 * catalog; producers import only this file (never handler code). Payloads are parsed on enqueue and
 * again on dequeue. Names are dotted; a retired entry stays until its queue has drained.
 */
export const JOB_CATALOG = {
  "ingestion.process": {
    schema: z.object({ projectId: z.string().min(1), batchId: z.string().min(1) }),
    attempts: 8,
    backoff: { type: "exponential", delay: 500 },
    // More active jobs than merge transactions: the waiting ones are merged together (processIngestionBatch).
    concurrency: 16,
  },
  /** One attempt per run; the delivery row counts attempts and turns "failed" at the last one. */
  "webhooks.deliver": {
    schema: z.object({ projectId: z.string().min(1), deliveryId: z.string().min(1) }),
    // 5 s, 10 s, 20 s … 5 min 20 s between attempts: about 10 minutes in all.
    attempts: 8,
    backoff: { type: "exponential", delay: 5_000 },
    concurrency: 8,
  },
  /** One judge call for one rule × target (its execution log row). Own queue: ingestion never waits for a judge. */
  "evals.run": {
    schema: z.object({ projectId: z.string().min(1), executionId: z.string().min(1) }),
    attempts: 5,
    backoff: { type: "exponential", delay: 2_000 },
    concurrency: 8,
  },
  /**
   * Builds the rollup of one metadata key of a project (a widget grouped by `metadata.<key>` was saved).
   * Job id per project × key, so saving such widgets again while it waits or runs adds nothing.
   */
  "rollups.metadata-key": {
    schema: z.object({ projectId: z.string().min(1), key: z.string().min(1).max(200) }),
    attempts: 3,
    backoff: { type: "exponential", delay: 10_000 },
    // A build reads every observation of the project under a brief SHARE lock on the table: one at a time.
    concurrency: 1,
  },
  /**
   * Deletes a project's traces marked by a bulk delete, in batches until none is left. The marked rows
   * are the work list, so a retry or a second job for the same project only finds less to do.
   */
  "traces.delete": {
    schema: z.object({ projectId: z.string().min(1) }),
    attempts: 5,
    backoff: { type: "exponential", delay: 2_000 },
    concurrency: 2,
  },
  /**
   * Deletes a project marked deleted: its traces (with observations and scores) in batches, counting
   * progress on the project row, then every other row of the project, then the row itself. Each batch
   * is its own transaction, so a retry resumes where the last attempt stopped.
   */
  "projects.delete": {
    schema: z.object({ projectId: z.string().min(1) }),
    attempts: 5,
    backoff: { type: "exponential", delay: 5_000 },
    concurrency: 1,
  },
  /**
   * One dataset item of a UI experiment: the model call (a trace linked as a run item), then its
   * evaluators. Few at a time: each waits on its connection's limits, shared with the judge.
   */
  "experiments.item": {
    schema: z.object({ projectId: z.string().min(1), itemId: z.string().min(1) }),
    attempts: 4,
    backoff: { type: "exponential", delay: 2_000 },
    concurrency: 4,
  },
} as const satisfies Record<
  string,
  { schema: z.ZodType; attempts: number; backoff: { type: "exponential" | "fixed"; delay: number }; concurrency: number }
>;

export type JobName = keyof typeof JOB_CATALOG;
export type JobPayload<N extends JobName> = z.infer<(typeof JOB_CATALOG)[N]["schema"]>;
export const JOB_NAMES = Object.keys(JOB_CATALOG) as JobName[];

/** One BullMQ queue per job name keeps concurrency and metrics per job. */
export function queueName(name: JobName): string {
  return name.replace(/\./g, "-");
}
