import { availableParallelism } from "node:os";
import { z } from "zod";

// Where the Node server listens (the same variables `next start` reads), and how many threads check, mask and
// serialise ingestion batches off its event loop (0: on the event loop, as the route file does).
const ZNodeServerEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  LOUPE_INGESTION_THREADS: z.coerce.number().int().min(0).max(32).default(Math.min(4, availableParallelism())),
});

export function nodeServerEnv(): z.infer<typeof ZNodeServerEnv> {
  const parsed = ZNodeServerEnv.safeParse({
    PORT: process.env.PORT || undefined,
    HOSTNAME: process.env.HOSTNAME || undefined,
    LOUPE_INGESTION_THREADS: process.env.LOUPE_INGESTION_THREADS || undefined,
  });
  if (!parsed.success) {
    throw new Error(`Invalid web configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  return parsed.data;
}

// Limits of the public API that both servers apply (the route files and the Node server's hot routes).
const ZPublicApiEnv = z.object({
  LOUPE_INGESTION_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(4_500_000),
});

let publicApi: z.infer<typeof ZPublicApiEnv> | undefined;
export function publicApiEnv(): z.infer<typeof ZPublicApiEnv> {
  if (!publicApi) {
    const parsed = ZPublicApiEnv.safeParse({ LOUPE_INGESTION_MAX_BODY_BYTES: process.env.LOUPE_INGESTION_MAX_BODY_BYTES || undefined });
    if (!parsed.success) {
      throw new Error(`Invalid web configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
    }
    publicApi = parsed.data;
  }
  return publicApi;
}
