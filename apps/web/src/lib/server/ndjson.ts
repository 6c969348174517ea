import "server-only";
import { textStreamResponse } from "./stream-response";

/** A streamed response of one JSON value per line; the browser reads it with readNdjson (lib/api-client). */
export function ndjsonStream(events: AsyncIterable<unknown>): Response {
  async function* lines() {
    for await (const event of events) yield `${JSON.stringify(event)}\n`;
  }
  return textStreamResponse(lines(), { "content-type": "application/x-ndjson; charset=utf-8" });
}
