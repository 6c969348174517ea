import type { JobName, JobPayload } from "@loupe/jobs";
import {
  buildMetadataRollup,
  deleteMarkedTraces,
  deleteProjectData,
  compactRollupsAfterMerge,
  deliverWebhook,
  processIngestionBatch,
  recordIngestionFailure,
  runEvaluation,
  runExperimentItem,
  scheduleEvaluationsForBatch,
} from "@loupe/server";
import { recordBatchMetrics } from "../metrics.ts";

type Handler<N extends JobName> = {
  run: (payload: JobPayload<N>) => Promise<unknown>;
  /** Called when an attempt fails, with the error (e.g. to record it next to the data). */
  onFailure?: (payload: JobPayload<N>, error: Error) => Promise<void>;
};

/** One handler per catalog entry; the type makes a missing handler a compile error. */
export const JOB_HANDLERS: { [N in JobName]: Handler<N> } = {
  "ingestion.process": {
    run: async ({ batchId }) => {
      const result = await processIngestionBatch(batchId);
      if (result.processed) recordBatchMetrics(result.metrics);
      if (result.processed) await compactRollupsAfterMerge(result.metrics.projectId);
      if (result.processed) await scheduleEvaluationsForBatch(result.metrics.projectId, batchId);
      // Only the summary becomes the job's return value (kept in Redis).
      return { processed: result.processed, events: result.events };
    },
    onFailure: ({ batchId }, error) => recordIngestionFailure(batchId, error),
  },
  // The attempt's outcome is on the delivery row; a WebhookRetryError makes BullMQ retry with backoff.
  "webhooks.deliver": { run: ({ projectId, deliveryId }) => deliverWebhook(projectId, deliveryId) },
  "evals.run": {
    run: async ({ projectId, executionId }) => ({ outcome: await runEvaluation(projectId, executionId) }),
  },
  "rollups.metadata-key": { run: ({ projectId, key }) => buildMetadataRollup(projectId, key) },
  "traces.delete": { run: ({ projectId }) => deleteMarkedTraces(projectId) },
  "projects.delete": { run: ({ projectId }) => deleteProjectData(projectId) },
  "experiments.item": { run: async ({ projectId, itemId }) => ({ outcome: await runExperimentItem(projectId, itemId) }) },
};
