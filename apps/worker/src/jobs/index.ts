import type { JobName, JobPayload } from "@loupe/jobs";
import { processIngestionBatch, recordIngestionFailure } from "@loupe/server";

type Handler<N extends JobName> = {
  run: (payload: JobPayload<N>) => Promise<unknown>;
  /** Called when an attempt fails, with the error (e.g. to record it next to the data). */
  onFailure?: (payload: JobPayload<N>, error: Error) => Promise<void>;
};

/** One handler per catalog entry; the type makes a missing handler a compile error. */
export const JOB_HANDLERS: { [N in JobName]: Handler<N> } = {
  "ingestion.process": {
    run: ({ batchId }) => processIngestionBatch(batchId),
    onFailure: ({ batchId }, error) => recordIngestionFailure(batchId, error),
  },
};
