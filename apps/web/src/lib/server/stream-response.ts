import "server-only";

/**
 * A response whose body is produced as the client reads it: each `pull` takes the next chunk, so a
 * slow reader holds back the producer (an export reads its next page only then). A client that goes
 * away ends the producer (`return`), which lets it release what it holds.
 */
export function textStreamResponse(chunks: AsyncIterable<string>, headers: Record<string, string>): Response {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(body, { headers: { "cache-control": "no-store", "x-accel-buffering": "no", ...headers } });
}

/** A file download streamed from `file.body` (a table export). */
export function downloadResponse(file: { contentType: string; filename: string; body: AsyncIterable<string> }): Response {
  return textStreamResponse(file.body, {
    "content-type": file.contentType,
    "content-disposition": `attachment; filename="${file.filename.replace(/[^\w.-]/g, "_")}"`,
    "x-content-type-options": "nosniff",
  });
}
