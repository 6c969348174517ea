import { z } from "zod";

// Where media bytes live: Postgres unless LOUPE_S3_MEDIA_BUCKET is set. Parsed from a plain record
// so `npm start` (scripts/lib/config.mjs) and the server (env.ts) share one set of rules. Imports
// nothing but zod, so the start script can load it on its own.

export const S3_MEDIA_VARIABLES = [
  "LOUPE_S3_MEDIA_BUCKET",
  "LOUPE_S3_MEDIA_REGION",
  "LOUPE_S3_MEDIA_ENDPOINT",
  "LOUPE_S3_MEDIA_EXTERNAL_ENDPOINT",
  "LOUPE_S3_MEDIA_ACCESS_KEY_ID",
  "LOUPE_S3_MEDIA_SECRET_ACCESS_KEY",
  "LOUPE_S3_MEDIA_FORCE_PATH_STYLE",
  "LOUPE_S3_MEDIA_PREFIX",
] as const;

// docker-compose passes every variable, unset ones as "": empty means "not set".
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());
const httpUrl = optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. http://127.0.0.1:9000" }));

const ZS3MediaEnv = z
  .object({
    LOUPE_S3_MEDIA_BUCKET: optional(z.string().regex(/^[^\s/:]+$/, "must be a bare bucket name (no s3:// scheme, '/' or spaces)")),
    LOUPE_S3_MEDIA_REGION: optional(z.string().regex(/^[a-z0-9-]+$/, "must be a region name such as eu-central-1")),
    LOUPE_S3_MEDIA_ENDPOINT: httpUrl,
    LOUPE_S3_MEDIA_EXTERNAL_ENDPOINT: httpUrl,
    LOUPE_S3_MEDIA_ACCESS_KEY_ID: optional(z.string()),
    LOUPE_S3_MEDIA_SECRET_ACCESS_KEY: optional(z.string()),
    LOUPE_S3_MEDIA_FORCE_PATH_STYLE: optional(z.enum(["true", "false"], { error: 'must be "true" or "false"' })),
    LOUPE_S3_MEDIA_PREFIX: optional(
      z
        .string()
        .max(512, "must be at most 512 characters")
        .refine((p) => !p.startsWith("/"), "must not start with '/' (object keys are relative to the bucket)"),
    ),
  })
  .superRefine((env, ctx) => {
    const missing = (name: (typeof S3_MEDIA_VARIABLES)[number], why: string) =>
      ctx.addIssue({ code: "custom", path: [name], message: why });
    const setOthers = S3_MEDIA_VARIABLES.filter((k) => k !== "LOUPE_S3_MEDIA_BUCKET" && env[k] !== undefined);
    if (!env.LOUPE_S3_MEDIA_BUCKET) {
      if (setOthers.length > 0)
        missing("LOUPE_S3_MEDIA_BUCKET", `is required when ${setOthers.join(", ")} is set (unset them all to keep media in Postgres)`);
      return;
    }
    if (!env.LOUPE_S3_MEDIA_REGION)
      missing("LOUPE_S3_MEDIA_REGION", "is required with LOUPE_S3_MEDIA_BUCKET (MinIO and most S3-compatible stores accept us-east-1)");
    // A key id without its secret (or the reverse) is a typo, not a request for the AWS default credential chain.
    if (env.LOUPE_S3_MEDIA_ACCESS_KEY_ID && !env.LOUPE_S3_MEDIA_SECRET_ACCESS_KEY)
      missing("LOUPE_S3_MEDIA_SECRET_ACCESS_KEY", "is required with LOUPE_S3_MEDIA_ACCESS_KEY_ID");
    if (env.LOUPE_S3_MEDIA_SECRET_ACCESS_KEY && !env.LOUPE_S3_MEDIA_ACCESS_KEY_ID)
      missing("LOUPE_S3_MEDIA_ACCESS_KEY_ID", "is required with LOUPE_S3_MEDIA_SECRET_ACCESS_KEY");
    if (env.LOUPE_S3_MEDIA_EXTERNAL_ENDPOINT && !env.LOUPE_S3_MEDIA_ENDPOINT)
      missing("LOUPE_S3_MEDIA_ENDPOINT", "is required with LOUPE_S3_MEDIA_EXTERNAL_ENDPOINT (the address Loupe itself uses)");
  });

export type S3MediaConfig = {
  bucket: string;
  region: string;
  /** Where Loupe reaches the store; undefined = AWS S3. */
  endpoint?: string;
  /** Where SDKs and browsers reach it, when that differs (presigned URLs are signed for this host). */
  externalEndpoint?: string;
  /** undefined = the AWS SDK's default credential chain (environment, profile, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
  prefix: string;
};
export type MediaStorageConfig = { kind: "postgres" } | ({ kind: "s3" } & S3MediaConfig);

/** One line per problem, each naming its variable. Values are never echoed: one of them is a secret. */
export type MediaStorageIssue = { variable: string; message: string };

export function parseMediaStorageConfig(
  source: Record<string, string | undefined>,
): { ok: true; config: MediaStorageConfig } | { ok: false; issues: MediaStorageIssue[] } {
  const parsed = ZS3MediaEnv.safeParse(Object.fromEntries(S3_MEDIA_VARIABLES.map((k) => [k, source[k]])));
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ variable: String(i.path[0]), message: i.message })) };
  const env = parsed.data;
  if (!env.LOUPE_S3_MEDIA_BUCKET || !env.LOUPE_S3_MEDIA_REGION) return { ok: true, config: { kind: "postgres" } };
  return {
    ok: true,
    config: {
      kind: "s3",
      bucket: env.LOUPE_S3_MEDIA_BUCKET,
      region: env.LOUPE_S3_MEDIA_REGION,
      endpoint: env.LOUPE_S3_MEDIA_ENDPOINT,
      externalEndpoint: env.LOUPE_S3_MEDIA_EXTERNAL_ENDPOINT,
      credentials:
        env.LOUPE_S3_MEDIA_ACCESS_KEY_ID && env.LOUPE_S3_MEDIA_SECRET_ACCESS_KEY
          ? { accessKeyId: env.LOUPE_S3_MEDIA_ACCESS_KEY_ID, secretAccessKey: env.LOUPE_S3_MEDIA_SECRET_ACCESS_KEY }
          : undefined,
      forcePathStyle: env.LOUPE_S3_MEDIA_FORCE_PATH_STYLE === "true",
      prefix: env.LOUPE_S3_MEDIA_PREFIX ?? "",
    },
  };
}

/** The configuration, or an Error whose message lists every wrong variable. */
export function readMediaStorageConfig(source: Record<string, string | undefined>): MediaStorageConfig {
  const result = parseMediaStorageConfig(source);
  if (result.ok) return result.config;
  throw new Error(`Invalid media storage configuration:\n${result.issues.map((i) => `  ${i.variable}: ${i.message}`).join("\n")}`);
}
