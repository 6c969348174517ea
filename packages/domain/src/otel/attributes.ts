import type { TOtlpAttributes, TOtlpValue } from "@loupe/contracts";

/**
 * Read access to one span's attributes that remembers which keys were used, so whatever no mapping
 * rule consumed can still be kept as `metadata.attributes` (nothing the client sent is lost, and
 * nothing is stored twice).
 */
export type AttributeReader = {
  /** The raw value, marking the key as used. */
  take(key: string): TOtlpValue | undefined;
  /** The first present key of `keys` (marking only that one as used). */
  first(...keys: string[]): TOtlpValue | undefined;
  /** All `prefix<rest>` entries as `{ rest: value }`, marking them used. */
  takePrefix(prefix: string): Record<string, TOtlpValue>;
  has(key: string): boolean;
  hasPrefix(prefix: string): boolean;
  /** Peek without consuming. */
  peek(key: string): TOtlpValue | undefined;
  /** Attributes no rule consumed. */
  remaining(): TOtlpAttributes;
};

export function attributeReader(attributes: TOtlpAttributes): AttributeReader {
  const used = new Set<string>();
  const present = (key: string) => Object.hasOwn(attributes, key) && attributes[key] !== null && attributes[key] !== "";
  const reader: AttributeReader = {
    take(key) {
      if (!present(key)) return undefined;
      used.add(key);
      return attributes[key];
    },
    first(...keys) {
      for (const key of keys) if (present(key)) return reader.take(key);
      return undefined;
    },
    takePrefix(prefix) {
      const out: Record<string, TOtlpValue> = {};
      for (const [key, value] of Object.entries(attributes)) {
        if (key.startsWith(prefix) && key.length > prefix.length) {
          used.add(key);
          out[key.slice(prefix.length)] = value;
        }
      }
      return out;
    },
    has: present,
    hasPrefix: (prefix) => Object.keys(attributes).some((k) => k.startsWith(prefix)),
    peek: (key) => (present(key) ? attributes[key] : undefined),
    remaining: () => Object.fromEntries(Object.entries(attributes).filter(([k]) => !used.has(k))),
  };
  return reader;
}

export function asString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function asBoolean(value: TOtlpValue | undefined): boolean | undefined {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  return undefined;
}

/**
 * Langfuse SDKs send structured values as JSON strings (`langfuse.observation.input`, `…metadata`,
 * `…usage_details`); other instrumentations often do too. Parse when it is JSON, else keep the string.
 */
const JSON_LITERALS: Record<string, unknown> = { true: true, false: false, null: null };
// Only text that starts like a JSON document is handed to JSON.parse: a failed parse throws, and
// throwing for every plain-text prompt and completion was the costliest step of the OTLP mapping.
const JSON_START = /^[[{"\-0-9]/;

export function parseJsonValue(value: TOtlpValue | undefined): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (Object.hasOwn(JSON_LITERALS, trimmed)) return JSON_LITERALS[trimmed];
  if (!JSON_START.test(trimmed)) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
  }
}

/** Like parseJsonValue, but only turns JSON objects/arrays into structures (keeps "123" a string). */
export function parseJsonStructure(value: TOtlpValue | undefined): unknown {
  if (typeof value === "string" && /^\s*[[{]/.test(value)) return parseJsonValue(value);
  return value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Rebuilds flattened attributes (`0.role`, `0.content`, `1.role` … as produced by Traceloop and
 * OpenInference) into nested values: numeric path segments become array indices.
 */
export function unflatten(entries: Record<string, TOtlpValue>): unknown {
  const root: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(entries)) {
    const parts = path.split(".");
    let node: Record<string, unknown> = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else {
        if (!isObject(node[part])) node[part] = {};
        node = node[part] as Record<string, unknown>;
      }
    });
  }
  return toArrays(root);
}

/** Objects whose keys are all small integers become arrays (gaps dropped). */
function toArrays(value: unknown): unknown {
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  const converted = Object.fromEntries(keys.map((k) => [k, toArrays(value[k])]));
  if (keys.length > 0 && keys.every((k) => /^\d{1,5}$/.test(k))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => converted[String(k)]);
  }
  return converted;
}
