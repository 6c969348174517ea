import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@loupe/server";
import { answerIngestionRequest } from "./ingestion";
import { answerPromptFetch } from "./prompt-fetch";
import { CORS_HEADERS, type PublicAnswer } from "./public-api";
import { SECURITY_HEADERS } from "./security-headers";
import { observeHttpRequest } from "./web-metrics";

/**
 * Routes the Node server answers before Next (ADR 0005): only endpoints on the hot path of every app
 * request, whose whole work is small next to Next's per-request cost (≈ 2.5–3 ms of CPU here): the prompt
 * fetch (a cached lookup) and the ingestion POST (validate, one INSERT, enqueue). Each keeps its route file in app/ (Next answers it under `next dev`, and the
 * parity test holds the two equal).
 */
type HotRoute = {
  method: string;
  /** The route pattern, as routePattern() names it in metrics. */
  pattern: string;
  /** Path segments after the prefix, or null when the path is not this route's. */
  match: (pathname: string) => string[] | null;
  answer: (req: IncomingMessage, segments: string[], search: URLSearchParams, requestId: string) => Promise<PublicAnswer>;
};

const PROMPTS_PREFIX = "/api/public/v2/prompts/";

const HOT_ROUTES: HotRoute[] = [
  {
    method: "POST",
    pattern: "/api/public/ingestion",
    match: (pathname) => (pathname === "/api/public/ingestion" ? [] : null),
    answer: (req, _segments, _search, requestId) => answerIngestionRequest(req, requestId),
  },
  {
    method: "GET",
    pattern: "/api/public/v2/prompts/[promptName]",
    // One segment: `…/prompts/{name}/versions/{v}` (PATCH) and anything deeper stay with Next.
    match: (pathname) => {
      if (!pathname.startsWith(PROMPTS_PREFIX)) return null;
      const segment = pathname.slice(PROMPTS_PREFIX.length);
      return segment !== "" && !segment.includes("/") ? [segment] : null;
    },
    answer: (req, [segment], search, requestId) => answerPromptFetch(req.headers.authorization, segment as string, search, requestId),
  },
];

/** Answers the request when it is a hot route's (and returns true), or leaves it to Next. */
export function answerHotRoute(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  const pathname = queryAt < 0 ? url : url.slice(0, queryAt);
  for (const route of HOT_ROUTES) {
    if (req.method !== route.method) continue;
    const segments = route.match(pathname);
    if (!segments) continue;
    void respond(route, req, res, segments, new URLSearchParams(queryAt < 0 ? "" : url.slice(queryAt + 1)), pathname);
    return true;
  }
  return false;
}

async function respond(
  route: HotRoute,
  req: IncomingMessage,
  res: ServerResponse,
  segments: string[],
  search: URLSearchParams,
  pathname: string,
): Promise<void> {
  const started = Date.now();
  const header = req.headers["x-request-id"];
  const requestId = (typeof header === "string" ? header.slice(0, 100) : "") || randomUUID();
  let answer: PublicAnswer;
  try {
    answer = await route.answer(req, segments, search, requestId);
  } catch (error) {
    logger.error(
      { requestId, err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) },
      "unhandled error",
    );
    answer = { status: 500, body: JSON.stringify({ message: "Internal Server Error", error: `request ${requestId}` }) };
  }
  res.writeHead(answer.status, {
    ...answer.headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(answer.body),
    "x-request-id": requestId,
    ...CORS_HEADERS,
    ...SECURITY_HEADERS,
  });
  res.end(answer.body);
  const ms = Date.now() - started;
  observeHttpRequest(route.pattern, route.method, answer.status, ms / 1000);
  logger[answer.status >= 500 ? "error" : "info"](
    { requestId, method: route.method, path: pathname, status: answer.status, ms },
    "request",
  );
}
