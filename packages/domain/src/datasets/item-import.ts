import { DATASET_IMPORT_FIELDS, type DATASET_IMPORT_FORMATS, MAX_DATASET_IMPORT_BYTES } from "@loupe/contracts";
import Papa from "papaparse";
import { sanitizeJson } from "../observations/sanitize-json.ts";

/**
 * Dataset item import from a CSV or JSON Lines file: parse into rows of named columns, then map columns
 * onto the item's fields. Pure, so the browser previews with the same code the server imports with.
 *
 * Mapping rule (the same for both formats): a field mapped from one column takes that column's value;
 * from several columns, an object keyed by column name; from none, null. Metadata is always an object:
 * one column whose value is not an object becomes `{column: value}`. A CSV cell is text, except
 * that a cell holding a JSON object or array (`{…}`, `[…]`) becomes that JSON; an empty cell is null.
 */

export type ImportFormat = (typeof DATASET_IMPORT_FORMATS)[number];
export type ImportField = (typeof DATASET_IMPORT_FIELDS)[number];
export type ImportMapping = Record<ImportField, string[]>;

export const MAX_IMPORT_ROWS = 10_000;
export const MAX_IMPORT_COLUMNS = 200;

/** A row of the file by column name, with its 1-based line/record number for error reports. */
export type ImportRow = { row: number; values: Record<string, unknown> };
export type ImportRowError = { row: number; message: string };
export type ParsedImport = { columns: string[]; rows: ImportRow[]; errors: ImportRowError[]; fileError: string | null };

const fileProblem = (fileError: string): ParsedImport => ({ columns: [], rows: [], errors: [], fileError });

export function parseImportFile(format: ImportFormat, content: string): ParsedImport {
  if (content.length > MAX_DATASET_IMPORT_BYTES)
    return fileProblem(`The file is larger than ${MAX_DATASET_IMPORT_BYTES / 1024 / 1024} MB; split it`);
  const text = content.replace(/^\uFEFF/, "");
  if (text.trim() === "") return fileProblem("The file is empty");
  return format === "csv" ? parseCsv(text) : parseJsonLines(text);
}

function parseCsv(text: string): ParsedImport {
  const result = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: "greedy", preview: MAX_IMPORT_ROWS + 1 });
  const columns = (result.meta.fields ?? []).filter((c) => c !== "");
  if (columns.length === 0) return fileProblem("The first line must name the columns (a header row)");
  if (columns.length > MAX_IMPORT_COLUMNS) return fileProblem(`The file has ${columns.length} columns; the limit is ${MAX_IMPORT_COLUMNS}`);
  // Papa renames a repeated header ("a" → "a_1"); two columns of one name cannot both be mapped.
  const renamed = Object.values((result.meta as { renamedHeaders?: Record<string, string> }).renamedHeaders ?? {});
  if (renamed.length > 0) return fileProblem(`The header names the column "${renamed[0]}" twice`);
  if (result.data.length > MAX_IMPORT_ROWS) return fileProblem(`The file has more than ${MAX_IMPORT_ROWS} rows; split it`);
  // Papa's row index is 0-based over data rows; people count lines, with the header as line 1.
  const errors = new Map<number, string>();
  for (const e of result.errors) if (e.row !== undefined && !errors.has(e.row)) errors.set(e.row, csvErrorMessage(e));
  const rows: ImportRow[] = [];
  const rowErrors: ImportRowError[] = [];
  result.data.forEach((record, index) => {
    const row = index + 2;
    const error = errors.get(index);
    if (error) {
      rowErrors.push({ row, message: error });
      return;
    }
    const values: Record<string, unknown> = {};
    for (const c of columns) values[c] = csvCell(record[c]);
    rows.push({ row, values });
  });
  return { columns, rows, errors: rowErrors, fileError: null };
}

function csvErrorMessage(e: Papa.ParseError): string {
  if (e.code === "TooFewFields" || e.code === "TooManyFields") return `${e.message} (every row needs one value per header column)`;
  if (e.code === "MissingQuotes" || e.code === "InvalidQuotes") return "A quoted value is not closed; check the quotes in this row";
  return e.message;
}

function csvCell(raw: string | undefined): unknown {
  if (raw === undefined) return null;
  const cell = raw.trim();
  if (cell === "") return null;
  if ((cell.startsWith("{") && cell.endsWith("}")) || (cell.startsWith("[") && cell.endsWith("]"))) {
    try {
      return JSON.parse(cell);
    } catch {
      return raw;
    }
  }
  return raw;
}

function parseJsonLines(text: string): ParsedImport {
  const lines = text.split(/\r?\n/);
  const rows: ImportRow[] = [];
  const errors: ImportRowError[] = [];
  const columns = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? "";
    if (line === "") continue;
    if (rows.length + errors.length >= MAX_IMPORT_ROWS) return fileProblem(`The file has more than ${MAX_IMPORT_ROWS} rows; split it`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      errors.push({ row: i + 1, message: `Not valid JSON: ${(error as Error).message}` });
      continue;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      errors.push({ row: i + 1, message: 'Each line must be a JSON object, e.g. {"input": …, "expectedOutput": …}' });
      continue;
    }
    for (const key of Object.keys(value)) columns.add(key);
    if (columns.size > MAX_IMPORT_COLUMNS) return fileProblem(`The lines have more than ${MAX_IMPORT_COLUMNS} distinct keys`);
    rows.push({ row: i + 1, values: value as Record<string, unknown> });
  }
  return { columns: [...columns], rows, errors, fileError: null };
}

const DEFAULT_COLUMN_NAMES: Record<ImportField, string[]> = {
  input: ["input", "question", "prompt", "query"],
  expectedOutput: ["expectedOutput", "expected_output", "expected", "answer", "output"],
  metadata: ["metadata"],
};

/** A first guess at the mapping from the column names, for the mapping step to start from. */
export function suggestImportMapping(columns: string[]): ImportMapping {
  const taken = new Set<string>();
  const pick = (field: ImportField) => {
    const found = DEFAULT_COLUMN_NAMES[field]
      .map((name) => columns.find((c) => c.toLowerCase() === name.toLowerCase()))
      .find((c) => c !== undefined && !taken.has(c));
    if (found === undefined) return [];
    taken.add(found);
    return [found];
  };
  const input = pick("input");
  const expectedOutput = pick("expectedOutput");
  const metadata = pick("metadata");
  // Nothing recognised: the first column is the input, so the preview shows something to adjust.
  return { input: input.length > 0 || columns.length === 0 ? input : [columns[0] as string], expectedOutput, metadata };
}

/** Why the mapping cannot be used with these columns, or null. */
export function importMappingProblem(mapping: ImportMapping, columns: string[]): string | null {
  if (mapping.input.length === 0) return "Map at least one column to the input";
  const known = new Set(columns);
  for (const field of DATASET_IMPORT_FIELDS)
    for (const c of mapping[field]) if (!known.has(c)) return `The column "${c}" mapped to ${field} is not in the file`;
  const used = DATASET_IMPORT_FIELDS.flatMap((f) => mapping[f]);
  const twice = used.find((c, i) => used.indexOf(c) !== i);
  return twice === undefined ? null : `The column "${twice}" is mapped to two fields; map each column once`;
}

export type MappedItem = { input: unknown; expectedOutput: unknown; metadata: unknown };

/** The row's item, or why it cannot be one (an item needs an input). */
export function importRowItem(values: Record<string, unknown>, mapping: ImportMapping): MappedItem | { error: string } {
  const item = mapImportRow(values, mapping);
  const empty = mapping.input.every((c) => values[c] === null || values[c] === undefined);
  if (empty) return { error: `The input (${mapping.input.join(", ")}) is empty` };
  return item;
}

export function mapImportRow(values: Record<string, unknown>, mapping: ImportMapping): MappedItem {
  const field = (columns: string[]): unknown => {
    if (columns.length === 0) return null;
    if (columns.length === 1) return values[columns[0] as string] ?? null;
    return Object.fromEntries(columns.map((c) => [c, values[c] ?? null]));
  };
  // Metadata is an object of keys everywhere else (filters, the SDKs): one plain column keeps its name.
  const metadata = field(mapping.metadata);
  const single = mapping.metadata.length === 1 ? (mapping.metadata[0] as string) : null;
  const metadataObject =
    single !== null && metadata !== null && (typeof metadata !== "object" || Array.isArray(metadata)) ? { [single]: metadata } : metadata;
  return sanitizeJson({ input: field(mapping.input), expectedOutput: field(mapping.expectedOutput), metadata: metadataObject });
}
