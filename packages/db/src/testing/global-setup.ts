import pg from "pg";
import { deployMigrations } from "../../scripts/migrations.mjs";

/** Creates the test database from scratch and applies every migration, once per test run. */
export default async function setup() {
  // vitest.config.mts points DATABASE_URL of the integration project at the test database.
  const url = new URL(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/loupe");
  url.pathname = `/loupe_test${process.env.LOUPE_TEST_ID ? `_${process.env.LOUPE_TEST_ID}` : ""}`;
  await recreateDatabase(url.toString());
  await deployMigrations(url.toString());
}

export async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^loupe_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to recreate database "${name}": test databases are named loupe_*`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
