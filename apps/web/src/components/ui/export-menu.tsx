"use client";

import { EXPORT_FORMATS, EXPORT_MAX_ROWS, type ExportFormat } from "@loupe/contracts";
import { Download } from "lucide-react";
import { formatCount } from "@/lib/shared/format";
import { Popover } from "./popover";

const FORMAT_LABELS: Record<ExportFormat, { label: string; help: string }> = {
  csv: { label: "CSV", help: "for spreadsheets" },
  jsonl: { label: "JSON Lines", help: "one JSON object per line" },
};

/**
 * Downloads the table's filtered list (the export route streams it; the browser saves it as it
 * arrives). `href` is the export URL of a format with the table's current query.
 */
export function ExportMenu({ href, noun }: { href: (format: ExportFormat) => string; noun: string }) {
  return (
    <Popover
      label="Export"
      trigger={
        <>
          <Download className="h-3.5 w-3.5" />
          Export
        </>
      }
    >
      {(close) => (
        <div className="w-64 space-y-1 text-xs">
          {EXPORT_FORMATS.map((format) => (
            <a
              key={format}
              href={href(format)}
              download
              onClick={close}
              className="flex items-baseline justify-between rounded px-2 py-1.5 hover:bg-muted"
            >
              <span className="font-medium">{FORMAT_LABELS[format].label}</span>
              <span className="text-muted-foreground">{FORMAT_LABELS[format].help}</span>
            </a>
          ))}
          <p className="border-t px-2 pt-1.5 text-muted-foreground">
            The {noun}s matching these filters, newest first, at most {formatCount(EXPORT_MAX_ROWS, noun)}.
          </p>
        </div>
      )}
    </Popover>
  );
}
