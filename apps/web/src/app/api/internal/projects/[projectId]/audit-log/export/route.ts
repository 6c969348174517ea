import { ZAuditExportQuery } from "@loupe/contracts";
import { exportProjectAudit } from "@loupe/server";
import { defineRoute } from "@/lib/server/define-route";

/** The filtered audit log as a streamed CSV or JSONL download. */
export const GET = defineRoute({
  auth: { kind: "project", minRole: "ADMIN" },
  query: ZAuditExportQuery,
  handler: async ({ auth, query }) => {
    const lines = exportProjectAudit(auth.projectId, query, auth.audit);
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
    const csv = query.format === "csv";
    return new Response(body, {
      headers: {
        "content-type": csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="audit-log.${csv ? "csv" : "jsonl"}"`,
        "cache-control": "no-store",
      },
    });
  },
});
