import { z } from "zod";

// The only place @loupe/jobs reads process.env.
const ZJobsEnv = z.object({
  REDIS_URL: z
    .string()
    .default("redis://127.0.0.1:6379")
    .refine((v) => /^rediss?:\/\//.test(v), { message: "REDIS_URL must be a redis:// URL, e.g. redis://127.0.0.1:6379" }),
  /** Prefix for every BullMQ key, so tests (and several installs) can share one Redis. */
  LOUPE_QUEUE_PREFIX: z.string().min(1).default("loupe"),
  /** Multiplies every retry delay of the catalog; tests shrink it to see a job's retries in seconds. */
  LOUPE_JOB_BACKOFF_SCALE: z.coerce.number().positive().max(100).default(1),
});

export type JobsEnv = z.infer<typeof ZJobsEnv>;

export function readJobsEnv(source: Record<string, string | undefined> = process.env): JobsEnv {
  const parsed = ZJobsEnv.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid queue configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  return parsed.data;
}
