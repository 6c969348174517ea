import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `npm start` must fail with one clear paragraph, not a stack trace, when configuration is wrong or
// a service is down. These run the real script up to the point where it would start serving.
const root = path.resolve(import.meta.dirname, "..");

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: { ...process.env, LOUPE_SKIP_INSTALL: "1", LOUPE_SKIP_BUILD: "1", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm start preflight", () => {
  it("names a wrong variable and how to fix it", () => {
    const { code, output } = start({ PORT: "not-a-port", DATABASE_URL: "mysql://x" });
    expect(code).toBe(2);
    expect(output).toContain("configuration is invalid");
    expect(output).toMatch(/PORT: .*TCP port/);
    expect(output).toMatch(/DATABASE_URL: must be a postgresql:\/\/ URL/);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it("names each missing variable of a partial S3 media configuration, without echoing the secret", () => {
    const { code, output } = start({ LOUPE_S3_MEDIA_BUCKET: "loupe-media", LOUPE_S3_MEDIA_SECRET_ACCESS_KEY: "do-not-print-me" });
    expect(code).toBe(2);
    expect(output).toContain("configuration is invalid");
    expect(output).toMatch(/LOUPE_S3_MEDIA_REGION: is required with LOUPE_S3_MEDIA_BUCKET/);
    expect(output).toMatch(/LOUPE_S3_MEDIA_ACCESS_KEY_ID: is required with LOUPE_S3_MEDIA_SECRET_ACCESS_KEY/);
    expect(output).not.toContain("do-not-print-me");
    expect(output).not.toMatch(/\n\s+at /);
  });

  it("refuses a metrics token too short to be a secret, without echoing it", () => {
    const { code, output } = start({ LOUPE_METRICS_TOKEN: "short-tok" });
    expect(code).toBe(2);
    expect(output).toMatch(/LOUPE_METRICS_TOKEN: must be at least 16 characters/);
    expect(output).not.toContain("short-tok");
    expect(output).not.toMatch(/\n\s+at /);
  });

  it("explains an unreachable Postgres with the fix", () => {
    const { code, output } = start({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/loupe" });
    expect(code).toBe(3);
    expect(output).toContain("Cannot reach PostgreSQL at 127.0.0.1:1");
    expect(output).toContain("docker compose up -d postgres redis");
    expect(output).not.toMatch(/\n\s+at /);
  });

  it("explains an unreachable Redis with the fix", () => {
    const { code, output } = start({ REDIS_URL: "redis://127.0.0.1:1" });
    expect(code).toBe(3);
    expect(output).toContain("Cannot reach Redis at 127.0.0.1:1");
    expect(output).toContain("docker compose up -d postgres redis");
  });
});
