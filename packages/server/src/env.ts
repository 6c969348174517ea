import { z } from "zod";
import { type MediaStorageConfig, readMediaStorageConfig } from "./media/storage-config.ts";

// The only place @loupe/server reads process.env.
const ZServerEnv = z.object({
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOUPE_SERVICE_NAME: z.string().default("loupe"),
});

export const serverEnv = ZServerEnv.parse({
  LOG_LEVEL: process.env.LOG_LEVEL || undefined,
  LOUPE_SERVICE_NAME: process.env.LOUPE_SERVICE_NAME || undefined,
});

/** LOUPE_S3_MEDIA_*; read when first needed, so `next build` runs without runtime settings. Throws naming each wrong variable. */
export function mediaStorageEnv(): MediaStorageConfig {
  return readMediaStorageConfig(process.env);
}
