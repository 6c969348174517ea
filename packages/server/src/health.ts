import { prisma } from "@loupe/db";
import { createRedisConnection } from "@loupe/jobs";

export type HealthReport = { database: "ok" | "unavailable"; queue: "ok" | "unavailable" };

export async function checkDatabase(): Promise<boolean> {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

export async function checkQueue(): Promise<boolean> {
  const redis = createRedisConnection();
  try {
    return (await Promise.race([redis.ping(), new Promise((r) => setTimeout(() => r("timeout"), 2000))])) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
