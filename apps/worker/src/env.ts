import { withLangfuseInitAliases } from "@loupe/server";
import { z } from "zod";

// The only place the worker reads process.env (the packages read their own settings).
const ZWorkerEnv = z.object({
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3030),
  WORKER_HOST: z.string().default("127.0.0.1"),
  /** Set to "false" to skip the ingestion sweep timer (tests drive the sweep directly). */
  LOUPE_SCHEDULES: z.enum(["true", "false"]).default("true"),
  /** How often each worker process tries to sweep for unprocessed ingestion batches. */
  LOUPE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(15_000),
  /**
   * How much the worker lowers its CPU priority (nice), so that on a machine it shares with the web
   * process (npm start, one compose host) prompt fetches and pages go first and merges wait; on a
   * machine of its own it changes nothing. 0 keeps the priority it was started with.
   */
  LOUPE_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** When set, GET /metrics answers only `Authorization: Bearer <token>` (like the web's). */
  LOUPE_METRICS_TOKEN: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(16, "LOUPE_METRICS_TOKEN must be at least 16 characters").optional(),
  ),
});

export type WorkerEnv = z.infer<typeof ZWorkerEnv>;

export function readWorkerEnv(): WorkerEnv {
  const parsed = ZWorkerEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid worker configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** LOUPE_INIT_* settings for the initial organization/project/user/keys (Langfuse's LANGFUSE_INIT_* names too). */
export function readInitEnv(): Record<string, string | undefined> {
  return withLangfuseInitAliases(process.env);
}
