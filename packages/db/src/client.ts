import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { readDbEnv } from "./env.ts";

// Lazy singleton: importing @loupe/db must not need a database (unit tests, build steps).
// Kept on globalThis so Next's dev-mode module reloads reuse one pool.
const globalForPrisma = globalThis as unknown as { __loupePrisma?: PrismaClient };

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

export async function disconnectPrisma(): Promise<void> {
  if (globalForPrisma.__loupePrisma) {
    await globalForPrisma.__loupePrisma.$disconnect();
    globalForPrisma.__loupePrisma = undefined;
  }
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
