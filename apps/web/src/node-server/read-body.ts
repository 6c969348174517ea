import type { IncomingMessage } from "node:http";

// Request bodies with a size limit, for route files (a NextRequest's stream) and the Node server (an
// IncomingMessage) alike: one set of limits and messages, whichever server reads the request.

/** A body refused before the handler sees it: 413 past the limit, 400 when empty or not JSON. */
export class BodyRefused extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

const tooLarge = (maxBytes: number) => new BodyRefused(413, `Request body is larger than the limit of ${maxBytes} bytes`);

/**
 * The body's bytes, refused as soon as it is past `maxBytes` (by its declared length, or while it is read,
 * so a lying or missing Content-Length never makes the server hold more). Leaving the loop early ends
 * the iteration, which cancels a web stream and destroys a Node one: the rest is never read.
 */
export async function readBodyBytes(
  chunks: AsyncIterable<Uint8Array> | null,
  declaredLength: string | null | undefined,
  maxBytes: number,
): Promise<Buffer> {
  if (Number(declaredLength ?? "0") > maxBytes) throw tooLarge(maxBytes);
  if (!chunks) return Buffer.alloc(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(maxBytes);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/**
 * Reads the rest of a Node request's body and drops it, until it ends (true) or `maxBytes` more bytes or
 * `ms` have gone by (false: the caller closes the connection). A declared length past the bound is not
 * waited for at all.
 */
export function discardRequestBody(req: IncomingMessage, maxBytes: number, ms: number): Promise<boolean> {
  if (req.readableEnded) return Promise.resolve(true);
  if (req.destroyed || Number(req.headers["content-length"] ?? "0") > maxBytes) return Promise.resolve(false);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      req.off("data", onData).off("end", onEnd).off("error", onStop).off("close", onStop);
      if (!ended) req.pause();
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.byteLength;
      if (seen > maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onStop = () => finish(false);
    const timer = setTimeout(onStop, ms);
    req.on("data", onData).on("end", onEnd).on("error", onStop).on("close", onStop);
    req.resume();
  });
}

/** The body as JSON: 400 with the parser's reason when it is empty or not JSON. */
export function parseJsonBody(bytes: Buffer): unknown {
  const text = bytes.toString("utf8");
  if (text.trim() === "") throw new BodyRefused(400, "Request body is required");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BodyRefused(400, `Request body is not valid JSON: ${(error as Error).message}`);
  }
}
