import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import safeRegex from "safe-regex2";

/**
 * Dataset JSON Schemas (input / expected output) and the validation of items against them.
 *
 * Tenants supply these schemas and they run inside the shared web process, so they are bounded:
 * a size limit, no remote `$ref` (Ajv only resolves refs inside the schema, it never fetches), and every
 * `pattern` / `patternProperties` regex must be short and free of nested quantifiers (safe-regex2's
 * star-height check), which rules out catastrophic backtracking on a 64 KB string.
 */
export const MAX_DATASET_SCHEMA_BYTES = 64 * 1024;
const MAX_PATTERN_LENGTH = 500;
const MAX_REPORTED_ERRORS = 5;

export type DatasetSchemaField = "inputSchema" | "expectedOutputSchema";
export type DatasetSchemas = { inputSchema: unknown; expectedOutputSchema: unknown };

/** Why a schema cannot be used, or null when it compiles within the bounds. */
export function datasetSchemaProblem(schema: unknown): string | null {
  if (schema === null || schema === undefined) return null;
  if (typeof schema !== "object" && typeof schema !== "boolean") return "must be a JSON Schema object";
  if (Array.isArray(schema)) return "must be a JSON Schema object, not an array";
  const bytes = Buffer.byteLength(JSON.stringify(schema));
  if (bytes > MAX_DATASET_SCHEMA_BYTES) return `is ${bytes} bytes; the limit is ${MAX_DATASET_SCHEMA_BYTES}`;
  const unsafe = unsafePattern(schema);
  if (unsafe !== null) return unsafe;
  try {
    compile(schema);
    return null;
  } catch (error) {
    return `is not a valid JSON Schema: ${(error as Error).message}`;
  }
}

/** Finds the first regex in the schema that is too long or may backtrack catastrophically. */
function unsafePattern(node: unknown): string | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = unsafePattern(child);
      if (found) return found;
    }
    return null;
  }
  if (node === null || typeof node !== "object") return null;
  const record = node as Record<string, unknown>;
  const patterns: string[] = [];
  if (typeof record.pattern === "string") patterns.push(record.pattern);
  if (record.patternProperties && typeof record.patternProperties === "object") patterns.push(...Object.keys(record.patternProperties));
  for (const p of patterns) {
    if (p.length > MAX_PATTERN_LENGTH) return `has a pattern longer than ${MAX_PATTERN_LENGTH} characters`;
    let ok = false;
    try {
      ok = safeRegex(new RegExp(p, "u"));
    } catch (error) {
      return `has an invalid pattern ${JSON.stringify(p)}: ${(error as Error).message}`;
    }
    if (!ok) return `has a pattern that may backtrack catastrophically (nested quantifiers): ${JSON.stringify(p)}`;
  }
  for (const value of Object.values(record)) {
    const found = unsafePattern(value);
    if (found) return found;
  }
  return null;
}

// Compiled validators by schema text. Each compile uses its own Ajv instance so that Ajv's internal
// schema cache cannot grow without bound; this map is capped instead (oldest entry evicted).
const validators = new Map<string, ValidateFunction>();
const MAX_CACHED_VALIDATORS = 200;

function compile(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  const cached = validators.get(key);
  if (cached) return cached;
  // strict: false accepts the keywords and drafts people paste from elsewhere; formats are not checked
  // (no format plugin), which is the documented Ajv behaviour with validateFormats: false.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, addUsedSchema: false });
  const validate = ajv.compile(schema as object);
  if (validators.size >= MAX_CACHED_VALIDATORS) validators.delete(validators.keys().next().value as string);
  validators.set(key, validate);
  return validate;
}

export type ItemSchemaIssue = { field: "input" | "expectedOutput"; message: string };

function describe(errors: ErrorObject[] | null | undefined): string {
  const list = (errors ?? []).slice(0, MAX_REPORTED_ERRORS).map((e) => `${e.instancePath || "(root)"} ${e.message ?? "is invalid"}`);
  const more = (errors?.length ?? 0) - list.length;
  return more > 0 ? `${list.join("; ")}; and ${more} more` : list.join("; ");
}

/**
 * Checks an item's input and expected output against the dataset's schemas. A missing (null) value is
 * checked too: a dataset whose input schema requires an object does not accept an item without input.
 * The schemas must already have passed `datasetSchemaProblem`.
 */
export function itemSchemaIssues(schemas: DatasetSchemas, item: { input: unknown; expectedOutput: unknown }): ItemSchemaIssue[] {
  const issues: ItemSchemaIssue[] = [];
  const check = (schema: unknown, value: unknown, field: ItemSchemaIssue["field"]) => {
    if (schema === null || schema === undefined) return;
    const validate = compile(schema);
    if (!validate(value ?? null))
      issues.push({ field, message: `${field} does not match the dataset's schema: ${describe(validate.errors)}` });
  };
  check(schemas.inputSchema, item.input, "input");
  check(schemas.expectedOutputSchema, item.expectedOutput, "expectedOutput");
  return issues;
}
