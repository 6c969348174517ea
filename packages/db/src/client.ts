import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { readDbEnv } from "./env.ts";

// Lazy singleton: importing @loupe/db must not need a database (unit tests, build steps).
// Kept on globalThis so Next's dev-mode module reloads reuse one pool.
const globalForPrisma = globalThis as unknown as { __loupePrisma?: PrismaClient; __loupePayloadPool?: pg.Pool };

export function getPrisma(): PrismaClient {
  if (!globalForPrisma.__loupePrisma) {
    const env = readDbEnv();
    const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE });
    globalForPrisma.__loupePrisma = new PrismaClient({ adapter });
  }
  return globalForPrisma.__loupePrisma;
}

/** The shared client; methods are bound so tagged templates (`prisma.$queryRaw\`…\``) keep `this`. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getPrisma();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/**
 * A plain pg pool for the statements that move ingestion batches (~150 KB of JSON each) in and out.
 * Prisma's raw queries pass every parameter and raw result through JSON (bytes as base64) on the event
 * loop: for these payloads that cost more than the statement itself and filled the young generation.
 */
export function payloadPool(): pg.Pool {
  if (!globalForPrisma.__loupePayloadPool) {
    const env = readDbEnv();
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: Math.min(4, env.DATABASE_POOL_SIZE) });
    // An idle client's error (a restarted server) must not crash the process; the next query reconnects.
    pool.on("error", () => undefined);
    globalForPrisma.__loupePayloadPool = pool;
  }
  return globalForPrisma.__loupePayloadPool;
}

export async function disconnectPrisma(): Promise<void> {
  if (globalForPrisma.__loupePrisma) {
    await globalForPrisma.__loupePrisma.$disconnect();
    globalForPrisma.__loupePrisma = undefined;
  }
  if (globalForPrisma.__loupePayloadPool) {
    await globalForPrisma.__loupePayloadPool.end();
    globalForPrisma.__loupePayloadPool = undefined;
  }
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
