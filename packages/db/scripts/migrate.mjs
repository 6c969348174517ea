// Usage: migrate.mjs deploy            apply pending migrations to DATABASE_URL (creating the db if needed)
//        migrate.mjs create <name>     diff the last snapshot against prisma/schema.prisma and write a new migration
import fs from "node:fs";
import path from "node:path";
import { config } from "dotenv";
import { MIGRATIONS_DIR, deployMigrations, ensureDatabase } from "./migrations.mjs";

config({ path: [path.resolve(MIGRATIONS_DIR, "../../.env")], quiet: true });
const DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/loupe";
const [command, name] = process.argv.slice(2);

if (command === "deploy") {
  const url = process.env.DATABASE_URL || DEFAULT_URL;
  if (await ensureDatabase(url)) console.log(`created database ${new URL(url).pathname.slice(1)}`);
  const applied = await deployMigrations(url);
  console.log(applied.length ? `applied ${applied.join(", ")}` : "database is up to date");
} else if (command === "create" && name && /^[a-z0-9_]+$/.test(name)) {
  await createMigration(name);
} else {
  console.error("usage: migrate.mjs deploy | create <snake_case_name>");
  process.exit(2);
}

// The diff runs in the Wasm schema engine (from npm) against a snapshot of the schema as of the last
// migration, so no shadow database and no native engine are needed.
async function createMigration(migrationName) {
  const { SchemaEngine } = await import("@prisma/schema-engine-wasm");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const schemaPath = path.resolve(MIGRATIONS_DIR, "../schema.prisma");
  const snapshotPath = path.join(MIGRATIONS_DIR, "schema.snapshot.prisma");
  const schema = fs.readFileSync(schemaPath, "utf8");
  // The engine wants a connection even for a datamodel-to-datamodel diff; the maintenance db will do.
  const adminUrl = new URL(process.env.DATABASE_URL || DEFAULT_URL);
  adminUrl.pathname = "/postgres";
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: adminUrl.toString() }));
  const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => {}, adapter);
  const from = fs.existsSync(snapshotPath)
    ? { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: fs.readFileSync(snapshotPath, "utf8") }] }
    : { tag: "empty" };
  const result = await engine.diff({
    from,
    to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = (result.stdout ?? "").trim();
  if (!sql || sql === "-- This is an empty migration.") {
    console.log("schema unchanged: no migration written");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${migrationName}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
  fs.writeFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), 'provider = "postgresql"\n');
  fs.writeFileSync(snapshotPath, schema);
  console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}
