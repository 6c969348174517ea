import { createServer } from "node:http";
import path from "node:path";
import { logger } from "@loupe/server";
import next from "next";
import { nodeServerEnv } from "./env";
import { answerHotRoute } from "./hot-routes";

// The web process: Next's production server behind a plain Node HTTP server that answers the hot
// routes itself (ADR 0005). `next build` first; started by `npm start` (scripts/start.mjs) and the
// Docker image, with `node --import tsx` because the workspace packages are TypeScript source.
// tsx turns Node's source maps on; left on, every server chunk Next loads had its map parsed and kept
// (~90 MB of the event loop's heap, which each major GC marks). `next start` runs without them too.
process.setSourceMapsEnabled(false);
const { PORT, HOSTNAME } = nodeServerEnv();
const app = next({ dev: false, dir: path.join(import.meta.dirname, "../.."), hostname: HOSTNAME, port: PORT });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  if (answerHotRoute(req, res)) return;
  void handle(req, res);
});
server.listen(PORT, HOSTNAME, () => {
  logger.info({ port: PORT, hostname: HOSTNAME }, "web ready");
  // The same line `next start` prints: scripts and people wait for it.
  console.log(`✓ Ready on http://${HOSTNAME}:${PORT}`);
});

function stop(signal: string): void {
  logger.info({ signal }, "web stopping");
  server.close(() => void app.close().finally(() => process.exit(0)));
  // Keep-alive connections would hold close() open: stop accepting, answer what is in flight, then go.
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
