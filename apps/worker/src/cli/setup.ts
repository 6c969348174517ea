// Run before serving (npm start, the docker "migrate" service): apply migrations, then create the
// initial organization/project/user/keys from LOUPE_INIT_*. Idempotent.
import { deployMigrations, ensureDatabase } from "@loupe/db/migrations";
import { ZInitConfig, ensureInitialSetup, mediaStorageEnv } from "@loupe/server";
import { readDbEnv, disconnectPrisma } from "@loupe/db";
import { readInitEnv } from "../env.ts";

const { DATABASE_URL } = readDbEnv();
const init = ZInitConfig.safeParse(readInitEnv());
if (!init.success) {
  console.error("Invalid LOUPE_INIT_* settings:");
  for (const issue of init.error.issues) console.error(`  ${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}
// Docker runs this before web and worker: a wrong LOUPE_S3_MEDIA_* stops the stack here, not at the first upload.
let media: ReturnType<typeof mediaStorageEnv>;
try {
  media = mediaStorageEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
console.log(`media bytes go to ${media.kind === "s3" ? `the S3 bucket ${media.bucket}` : "Postgres"}`);
if (await ensureDatabase(DATABASE_URL)) console.log(`created database ${new URL(DATABASE_URL).pathname.slice(1)}`);
const applied = await deployMigrations(DATABASE_URL);
console.log(applied.length > 0 ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
const result = await ensureInitialSetup(init.data);
if (result.created.length > 0) console.log(`created ${result.created.join(", ")}`);
await disconnectPrisma();
