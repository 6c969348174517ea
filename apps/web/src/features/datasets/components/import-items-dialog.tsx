"use client";

import { DATASET_IMPORT_FIELDS, MAX_DATASET_IMPORT_BYTES, type TDatasetImportReport } from "@loupe/contracts";
import { type ImportField, type ImportFormat, type ImportMapping, parseImportFile, suggestImportMapping } from "@loupe/domain";
import { FileUp } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { Select } from "@/components/ui/textarea";
import { cn } from "@/lib/shared/cn";
import { formatTokens } from "@/lib/shared/format";
import { useImportCheck, useImportItems } from "../hooks/use-datasets";

type PickedFile = { key: string; name: string; content: string; format: ImportFormat; columns: string[] };

const FIELD_LABELS: Record<ImportField, string> = { input: "Input", expectedOutput: "Expected output", metadata: "Metadata" };
const formatOf = (name: string): ImportFormat => (/\.(jsonl|ndjson|json)$/i.test(name) ? "jsonl" : "csv");

/**
 * Import items from a CSV or JSON Lines file: pick the file, map its columns onto input, expected output
 * and metadata, see the server's check (valid rows, a report of the broken ones, a preview), import.
 */
export function ImportItemsDialog({ projectId, datasetId, onClose }: { projectId: string; datasetId: string; onClose: () => void }) {
  const [picked, setPicked] = useState<File | undefined>();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({ input: [], expectedOutput: [], metadata: [] });
  const check = useImportCheck(projectId, datasetId, file && { format: file.format, content: file.content, mapping }, file?.key ?? "");
  const importItems = useImportItems(projectId, datasetId);
  const report = check.data;

  const pick = async (picked: File | undefined, format?: ImportFormat) => {
    setFileError(null);
    importItems.reset();
    if (!picked) return;
    if (picked.size > MAX_DATASET_IMPORT_BYTES) return setFileError("The file is larger than 10 MB; split it into smaller files");
    const content = await picked.text();
    const chosen = format ?? formatOf(picked.name);
    const parsed = parseImportFile(chosen, content);
    if (parsed.fileError) return setFileError(parsed.fileError);
    setFile({
      key: `${picked.name}:${picked.size}:${picked.lastModified}:${chosen}`,
      name: picked.name,
      content,
      format: chosen,
      columns: parsed.columns,
    });
    setMapping(suggestImportMapping(parsed.columns));
  };
  const toggle = (field: ImportField, column: string) =>
    setMapping((m) => {
      const without = Object.fromEntries(DATASET_IMPORT_FIELDS.map((f) => [f, m[f].filter((c) => c !== column)])) as ImportMapping;
      return m[field].includes(column) ? without : { ...without, [field]: [...without[field], column] };
    });

  const done = importItems.data;
  const skipping = report ? report.errorCount > 0 : false;
  const submit = () =>
    file && importItems.mutate({ format: file.format, content: file.content, mapping, dryRun: false, skipInvalidRows: skipping });

  return (
    <ModalDialog
      title="Import items"
      width="lg"
      description="From a CSV file with a header row, or JSON Lines (one JSON object per line). Nothing is written until you import."
      onClose={onClose}
      footer={(close) =>
        done ? (
          <Button type="button" onClick={close}>
            Done
          </Button>
        ) : (
          <>
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button
              type="button"
              onClick={submit}
              disabled={!report || report.validCount === 0 || importItems.isPending || check.isFetching}
            >
              {importItems.isPending ? "Importing…" : importLabel(report)}
            </Button>
          </>
        )
      }
    >
      {done ? (
        <p role="status" className="text-sm" data-testid="import-done">
          Imported {formatTokens(done.imported)} items
          {done.errorCount > 0 ? `; skipped ${formatTokens(done.errorCount)} rows with problems` : ""}.
        </p>
      ) : (
        <div className="space-y-4">
          <div className="flex flex-wrap items-end gap-3">
            <label className="flex min-w-0 flex-1 cursor-pointer items-center gap-3 rounded-md border border-dashed px-4 py-3 text-sm hover:bg-muted">
              <FileUp className="h-5 w-5 shrink-0 text-accent" aria-hidden />
              <span className="min-w-0 truncate">{file ? file.name : "Choose a .csv or .jsonl file"}</span>
              <input
                type="file"
                accept=".csv,.jsonl,.ndjson,.json,text/csv"
                className="sr-only"
                aria-label="File to import"
                onChange={(e) => {
                  setPicked(e.target.files?.[0]);
                  void pick(e.target.files?.[0]);
                }}
              />
            </label>
            {file ? (
              <Select
                aria-label="File format"
                className="w-40"
                value={file.format}
                onChange={(e) => void pick(picked, e.target.value as ImportFormat)}
              >
                <option value="csv">CSV</option>
                <option value="jsonl">JSON Lines</option>
              </Select>
            ) : null}
          </div>
          <FormError message={fileError} />
          {file ? <MappingEditor columns={file.columns} mapping={mapping} onToggle={toggle} /> : null}
          {file ? <CheckReport report={report} pending={check.isPending} error={check.error?.message ?? null} /> : null}
          <FormError message={importItems.error?.message ?? null} />
        </div>
      )}
    </ModalDialog>
  );
}

const importLabel = (report: TDatasetImportReport | undefined) => {
  if (!report || report.validCount === 0) return "Import";
  const n = formatTokens(report.validCount);
  return report.errorCount > 0 ? `Import ${n} valid rows, skip ${formatTokens(report.errorCount)}` : `Import ${n} items`;
};

function MappingEditor({
  columns,
  mapping,
  onToggle,
}: {
  columns: string[];
  mapping: ImportMapping;
  onToggle: (f: ImportField, c: string) => void;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-sm font-medium">Columns → item fields</legend>
      <p className="text-xs text-muted-foreground">
        One column gives its value; several make an object keyed by column name (metadata is always an object). Cells holding JSON objects
        or arrays are read as JSON.
      </p>
      {DATASET_IMPORT_FIELDS.map((field) => (
        <div key={field} className="flex flex-wrap items-center gap-1.5" role="group" aria-label={FIELD_LABELS[field]}>
          <span className="w-32 shrink-0 text-sm text-muted-foreground">{FIELD_LABELS[field]}</span>
          {columns.map((c) => {
            const on = mapping[field].includes(c);
            return (
              <button
                key={c}
                type="button"
                aria-pressed={on}
                onClick={() => onToggle(field, c)}
                className={cn(
                  "max-w-[220px] truncate rounded-full border px-2.5 py-0.5 font-mono text-xs",
                  on ? "border-accent bg-accent text-accent-foreground" : "text-muted-foreground hover:bg-muted",
                )}
                title={c}
              >
                {c}
              </button>
            );
          })}
        </div>
      ))}
    </fieldset>
  );
}

const cellText = (value: unknown) =>
  value === null || value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value);

function CheckReport({ report, pending, error }: { report: TDatasetImportReport | undefined; pending: boolean; error: string | null }) {
  if (error) return <FormError message={error} />;
  if (pending || !report) return <Skeleton className="h-24 w-full" />;
  return (
    <section aria-label="Import check" className="space-y-3">
      <p className="text-sm" data-testid="import-summary">
        <span className="font-medium">{formatTokens(report.validCount)}</span> of {formatTokens(report.rowCount)} rows ready to import
        {report.errorCount > 0 ? <span className="text-danger"> · {formatTokens(report.errorCount)} with problems</span> : null}
      </p>
      {report.errors.length > 0 ? (
        <ul className="max-h-40 divide-y overflow-y-auto rounded-md border text-sm" aria-label="Rows with problems">
          {report.errors.map((e) => (
            <li key={e.row} className="flex gap-3 px-3 py-1.5">
              <span className="w-16 shrink-0 tabular-nums text-muted-foreground">Row {e.row}</span>
              <span className="min-w-0 break-words">{e.message}</span>
            </li>
          ))}
          {report.errorCount > report.errors.length ? (
            <li className="px-3 py-1.5 text-muted-foreground">and {formatTokens(report.errorCount - report.errors.length)} more</li>
          ) : null}
        </ul>
      ) : null}
      {report.preview.length > 0 ? (
        <div className="overflow-x-auto rounded-md border">
          <table className="w-full table-fixed text-left text-xs" aria-label="Preview">
            <thead className="bg-muted text-muted-foreground">
              <tr>
                <th className="w-16 px-3 py-1.5 font-medium">Row</th>
                {DATASET_IMPORT_FIELDS.map((f) => (
                  <th key={f} className="px-3 py-1.5 font-medium">
                    {FIELD_LABELS[f]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y">
              {report.preview.map((p) => (
                <tr key={p.row}>
                  <td className="px-3 py-1.5 tabular-nums text-muted-foreground">{p.row}</td>
                  {DATASET_IMPORT_FIELDS.map((f) => (
                    <td key={f} className="truncate px-3 py-1.5 font-mono" title={cellText(p[f])}>
                      {cellText(p[f])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
