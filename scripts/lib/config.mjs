// Reads and validates Loupe's runtime configuration once, for `npm start` and `npm test`.
// Order: the process environment wins, then ./.env, then secrets generated into .loupe/local.env.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";
import { z } from "zod";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// The LOUPE_S3_MEDIA_* rules live with the server, so `npm start` and the running app apply the same ones.
const { parseMediaStorageConfig } = await tsImport("../../packages/server/src/media/storage-config.ts", import.meta.url);
const LOCAL_ENV = path.join(ROOT, ".loupe", "local.env");

function parseEnvFile(file) {
  if (!fs.existsSync(file)) return {};
  const out = {};
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = line.match(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/);
    if (!m) continue;
    let value = m[2];
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    out[m[1]] = value;
  }
  return out;
}

const ZConfig = z.object({
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\/[^/]+\/[^/?]+/,
      "must be a postgresql:// URL with a database name, e.g. postgresql://postgres@127.0.0.1:5432/loupe",
    ),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// URL, e.g. redis://127.0.0.1:6379"),
  PORT: z.coerce
    .number({ error: "must be a TCP port (1-65535)" })
    .int()
    .min(1, "must be a TCP port (1-65535)")
    .max(65535, "must be a TCP port (1-65535)"),
  HOSTNAME: z.string().min(1),
  // Optional: unset, the web server derives sign-out redirects and links from each request's address
  // (and warns at start in production).
  NEXTAUTH_URL: z.url("must be the public base URL of Loupe, e.g. http://localhost:3000").optional(),
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters; generate one with `openssl rand -hex 32`"),
  LOUPE_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "must be 64 hex characters (32 bytes); generate one with `openssl rand -hex 32`"),
  WORKER_PORT: z.coerce.number().int().min(0).max(65535),
  LOUPE_METRICS_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters (Prometheus sends it as a bearer token); generate one with `openssl rand -hex 32`")
    .optional(),
});

/** Variables whose value an error message never repeats. */
const SECRETS = new Set(["NEXTAUTH_SECRET", "LOUPE_ENCRYPTION_KEY", "LOUPE_METRICS_TOKEN"]);

/**
 * Returns the validated environment for the child processes, or throws an Error whose message
 * names every wrong variable and how to fix it. Secrets a local start needs are generated once.
 */
export function loadConfig({ generateSecrets = true, log = console.log } = {}) {
  const fileEnv = parseEnvFile(path.join(ROOT, ".env"));
  const local = parseEnvFile(LOCAL_ENV);
  const merged = { ...local, ...fileEnv, ...process.env };
  const generated = [];
  for (const [name, make] of [
    ["NEXTAUTH_SECRET", () => randomBytes(32).toString("hex")],
    ["LOUPE_ENCRYPTION_KEY", () => randomBytes(32).toString("hex")],
  ]) {
    if (!merged[name] && generateSecrets) {
      merged[name] = make();
      local[name] = merged[name];
      generated.push(name);
    }
  }
  if (generated.length > 0) {
    fs.mkdirSync(path.dirname(LOCAL_ENV), { recursive: true });
    fs.writeFileSync(
      LOCAL_ENV,
      `${Object.entries(local)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n")}\n`,
      { mode: 0o600 },
    );
    log(`Generated ${generated.join(" and ")} for this machine into .loupe/local.env (set them in the environment for production).`);
  }
  const port = merged.PORT || "3000";
  const candidate = {
    DATABASE_URL: merged.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/loupe",
    REDIS_URL: merged.REDIS_URL || "redis://127.0.0.1:6379",
    PORT: port,
    HOSTNAME: merged.HOSTNAME || "0.0.0.0",
    NEXTAUTH_URL: merged.NEXTAUTH_URL || undefined,
    NEXTAUTH_SECRET: merged.NEXTAUTH_SECRET,
    LOUPE_ENCRYPTION_KEY: merged.LOUPE_ENCRYPTION_KEY,
    WORKER_PORT: merged.WORKER_PORT || "3030",
    ...(merged.LOUPE_METRICS_TOKEN ? { LOUPE_METRICS_TOKEN: merged.LOUPE_METRICS_TOKEN } : {}),
  };
  const parsed = ZConfig.safeParse(candidate);
  const media = parseMediaStorageConfig(merged);
  if (!parsed.success || !media.ok) {
    const lines = [
      ...(parsed.error?.issues ?? []).map((i) =>
        SECRETS.has(String(i.path[0]))
          ? `  ${i.path.join(".")}: ${i.message}`
          : `  ${i.path.join(".")}: ${i.message} (got ${JSON.stringify(candidate[i.path[0]] ?? null)})`,
      ),
      // Without the value: one of these variables is a secret.
      ...(media.issues ?? []).map((i) => `  ${i.variable}: ${i.message}`),
    ];
    throw new Error(
      `Loupe's configuration is invalid:\n${lines.join("\n")}\nFix the variable in your environment or in .env, then run the command again.`,
    );
  }
  return {
    ...merged,
    ...Object.fromEntries(
      Object.entries(parsed.data)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    ),
  };
}
