// Checks that Postgres and Redis answer before anything else runs, and explains how to fix it when
// they do not: one clear paragraph instead of a driver stack trace.
import net from "node:net";
import pg from "pg";

function hostPort(url, defaultPort) {
  const u = new URL(url);
  return { host: u.hostname || "127.0.0.1", port: Number(u.port || defaultPort) };
}

function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

export class PreflightError extends Error {}

export async function checkPostgres(databaseUrl, timeoutMs = 4000) {
  // Connect to the maintenance database: the Loupe database itself may not exist yet (it is created).
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const { host, port } = hostPort(databaseUrl, 5432);
    const reason = error.code === "ECONNREFUSED" ? "nothing is listening there" : error.message;
    throw new PreflightError(
      `Cannot reach PostgreSQL at ${host}:${port} (${reason}).\n` +
        `Loupe keeps its data in PostgreSQL. Start it, for example with \`docker compose up -d postgres redis\` ` +
        `(or \`pg_ctlcluster 15 main start\` / \`brew services start postgresql\`), or point DATABASE_URL at a running server ` +
        `(now: ${redact(databaseUrl)}).`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function checkRedis(redisUrl, timeoutMs = 3000) {
  const { host, port } = hostPort(redisUrl, 6379);
  return new Promise((resolve, reject) => {
    const fail = (reason) => {
      socket.destroy();
      reject(
        new PreflightError(
          `Cannot reach Redis at ${host}:${port} (${reason}).\n` +
            `Loupe's background worker queues its jobs in Redis. Start it, for example with \`docker compose up -d postgres redis\` ` +
            `(or \`redis-server --daemonize yes\`), or point REDIS_URL at a running server (now: ${redact(redisUrl)}).`,
        ),
      );
    };
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => fail("no answer within 3 s"));
    socket.on("error", (e) => fail(e.code === "ECONNREFUSED" ? "nothing is listening there" : e.message));
    socket.on("connect", () => {
      const password = decodeURIComponent(new URL(redisUrl).password || "");
      socket.write(password ? `AUTH ${password}\r\nPING\r\n` : "PING\r\n");
    });
    socket.on("data", (data) => {
      const text = data.toString();
      if (text.includes("PONG")) {
        socket.end();
        resolve();
      } else if (text.startsWith("-")) fail(text.trim());
    });
  });
}

export async function preflight(config) {
  await checkPostgres(config.DATABASE_URL);
  await checkRedis(config.REDIS_URL);
}
