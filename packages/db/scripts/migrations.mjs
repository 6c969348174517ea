// Engine-free migration runner. Prisma 7's CLI downloads a native schema engine that is not reachable
// offline, so Loupe applies the committed prisma/migrations/*/migration.sql files itself, recording
// them in Prisma's own `_prisma_migrations` table (same columns and sha256 checksums), so the real
// `prisma migrate deploy` keeps working wherever the CLI engine is available.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../prisma/migrations");

export function listMigrations(dir = MIGRATIONS_DIR) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Creates the database named in `url` when it does not exist (connecting to the `postgres` db). */
export async function ensureDatabase(url) {
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (!dbName) throw new Error("DATABASE_URL has no database name");
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${dbName.replaceAll('"', '""')}"`);
      return true;
    }
    return false;
  } finally {
    await client.end();
  }
}

/** Applies every migration not yet recorded, each in its own transaction. Returns the applied names. */
export async function deployMigrations(url, { dir = MIGRATIONS_DIR } = {}) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One deployer at a time (web and worker may start together).
    await client.query("SELECT pg_advisory_lock(72707301)");
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const failed = rows.filter((r) => !r.finished_at).map((r) => r.migration_name);
    if (failed.length > 0) {
      throw new Error(
        `Migration(s) ${failed.join(", ")} failed earlier; fix the database, then delete their rows from _prisma_migrations.`,
      );
    }
    const applied = [];
    for (const m of listMigrations(dir)) {
      const prior = done.get(m.name);
      if (prior) {
        if (prior.checksum !== m.checksum) {
          console.warn(`warning: migration ${m.name} was edited after it was applied (checksum differs)`);
        }
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count, started_at)
           VALUES ($1, $2, now(), $3, 1, now())`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${error.message}`);
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.end();
  }
}
