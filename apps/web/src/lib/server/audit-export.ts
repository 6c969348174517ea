import "server-only";

/** A streamed CSV or JSONL download of audit lines (project and organization exports alike). */
export function auditExportResponse(lines: AsyncGenerator<string>, format: "csv" | "jsonl"): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const csv = format === "csv";
  return new Response(body, {
    headers: {
      "content-type": csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="audit-log.${csv ? "csv" : "jsonl"}"`,
      "cache-control": "no-store",
    },
  });
}
