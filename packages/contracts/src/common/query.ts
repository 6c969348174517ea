import { z } from "zod";

// Query-string building blocks shared by the public list endpoints. Query values arrive as a string,
// or as a string[] when the key repeats (see searchParamsObject in define-route.ts).

const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);

/** An optional string filter; `?name=` (empty) means "no filter". */
export const ZQueryString = z.preprocess(emptyToUndefined, z.string().max(2000).optional());

/** An optional ISO-8601 timestamp (Z or offset). */
export const ZQueryTimestamp = z.preprocess(emptyToUndefined, z.iso.datetime({ offset: true }).optional());

/** An optional boolean given as "true"/"false". */
export const ZQueryBoolean = z.preprocess(
  emptyToUndefined,
  z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
);

const toList = (split: boolean) => (v: unknown) => {
  if (v === undefined || v === "") return undefined;
  const values = (Array.isArray(v) ? v : [v]).map(String);
  const out = (split ? values.flatMap((s) => s.split(",")) : values).map((s) => s.trim()).filter(Boolean);
  return out.length > 0 ? out : undefined;
};

/** A repeatable parameter (`?tags=a&tags=b`): string[] or undefined. */
export const ZQueryArray = z.preprocess(toList(false), z.array(z.string().max(2000)).max(100).optional());

/** A comma-separated (and/or repeatable) list: `?scoreIds=a,b`. */
export const ZQueryCsv = z.preprocess(toList(true), z.array(z.string().max(2000)).max(1000).optional());

/** An optional enum filter. */
export const zQueryEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(emptyToUndefined, z.enum(values).optional());

/**
 * `fields=core,io` → the set of requested groups. Unknown names are ignored (as Langfuse does); an
 * absent parameter selects `defaults`.
 */
export function zFieldGroups<const G extends readonly string[]>(groups: G, defaults: readonly G[number][] = groups) {
  return z.preprocess(
    (v) => {
      const list = toList(true)(v);
      if (!list) return [...defaults];
      return list.filter((f): f is G[number] => (groups as readonly string[]).includes(f));
    },
    z.array(z.string()).transform((list) => new Set(list as G[number][])),
  );
}

/** `orderBy=timestamp.desc` over a whitelist of sortable fields. */
export function zOrderBy<const F extends readonly [string, ...string[]]>(fields: F) {
  return z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(
        new RegExp(`^(${fields.join("|")})\\.(asc|desc)$`),
        `orderBy must be <field>.<asc|desc> with field one of ${fields.join(", ")}`,
      )
      .transform((s) => {
        const [field, direction] = s.split(".") as [F[number], "asc" | "desc"];
        return { field, direction };
      })
      .optional(),
  );
}

/**
 * A query parameter holding URL-encoded JSON (`expected` says what), parsed. Pipe it into the JSON's
 * schema; a missing value or one that is not JSON gets a message naming the parameter.
 */
export const zJsonString = (name: string, expected: string) =>
  z.string({ error: `${name} is required: ${expected}` }).transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: `${name} is not valid JSON; expected ${expected}` });
      return z.NEVER;
    }
  });

/** Every response date is an ISO string. */
export const ZIsoString = z.string();
export const ZJsonValue = z.unknown();
