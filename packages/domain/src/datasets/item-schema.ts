import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { compileJsStyleLinearRegex } from "../regex/linear-regex.ts";

/**
 * Dataset JSON Schemas (input / expected output) and the validation of items against them.
 *
 * Tenants supply these schemas and they run inside the shared web process, so they are bounded:
 * a size limit, no remote `$ref` (Ajv only resolves refs inside the schema, it never fetches), and every
 * `pattern` / `patternProperties` regex is short and runs on RE2 (re2js, linear time whatever the
 * pattern) instead of V8's backtracking RegExp, so `(a+)+$` on a 64 KB string cannot stall the process.
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

/** Finds the first regex in the schema that is too long for a pattern. */
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
  for (const p of patterns) if (p.length > MAX_PATTERN_LENGTH) return `has a pattern longer than ${MAX_PATTERN_LENGTH} characters`;
  for (const value of Object.values(record)) {
    const found = unsafePattern(value);
    if (found) return found;
  }
  return null;
}

/** Ajv's regex engine hook: patterns compile with RE2; one RE2 cannot take (lookaround, backreferences) fails the schema. */
const linearRegExp = Object.assign(
  (pattern: string) => {
    const compiled = compileJsStyleLinearRegex(pattern);
    if (!compiled.ok) throw new Error(`pattern ${JSON.stringify(pattern)} ${compiled.reason}`);
    const regex = compiled.regex;
    return { test: (text: string) => regex.test(text) };
  },
  { code: "linearRegExp" },
);

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
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, addUsedSchema: false, code: { regExp: linearRegExp } });
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
