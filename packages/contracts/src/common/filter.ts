import { z } from "zod";
import { zJsonString } from "./query.ts";

// Langfuse's filter conditions (langfuse-api.md §5.1): the JSON `filter` query parameter of the list
// endpoints and the `filters` of the metrics query. `type` decides which operators and values are valid;
// which columns exist (and which types a column takes) is up to the endpoint.

const STRING_OPERATORS = ["=", "!=", "contains", "does not contain", "starts with", "ends with", "matches"] as const;
const NUMBER_OPERATORS = ["=", "!=", ">", "<", ">=", "<="] as const;
const OPTION_OPERATORS = ["any of", "none of"] as const;

const column = z.string().min(1).max(200);
const key = z.string().min(1).max(500);
const text = z.string().max(2000);
const texts = z.array(text).max(1000);
const number = z.coerce.number().finite();

export const ZFilterCondition = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("datetime"), column, operator: z.enum([">", "<", ">=", "<="]), value: z.iso.datetime({ offset: true }) }),
    z.object({ type: z.literal("string"), column, operator: z.enum(STRING_OPERATORS), value: text }),
    z.object({ type: z.literal("number"), column, operator: z.enum(NUMBER_OPERATORS), value: number }),
    z.object({ type: z.literal("stringOptions"), column, operator: z.enum(OPTION_OPERATORS), value: texts }),
    /** With `key`: the values of one key of a JSON column (metadata). */
    z.object({ type: z.literal("categoryOptions"), column, key: key.optional(), operator: z.enum(OPTION_OPERATORS), value: texts }),
    z.object({ type: z.literal("arrayOptions"), column, operator: z.enum([...OPTION_OPERATORS, "all of"]), value: texts }),
    z.object({ type: z.literal("stringObject"), column, key, operator: z.enum(STRING_OPERATORS), value: text }),
    z.object({ type: z.literal("numberObject"), column, key, operator: z.enum(NUMBER_OPERATORS), value: number }),
    z.object({ type: z.literal("booleanObject"), column, key, operator: z.enum(["=", "<>"]), value: z.boolean() }),
    z.object({ type: z.literal("boolean"), column, operator: z.enum(["=", "<>"]), value: z.boolean() }),
    z.object({ type: z.literal("null"), column, operator: z.enum(["is null", "is not null"]), value: z.unknown().optional() }),
  ],
  {
    error: (issue) =>
      issue.code === "invalid_union"
        ? "type must be one of datetime, string, number, stringOptions, categoryOptions, arrayOptions, stringObject, numberObject, booleanObject, boolean, null"
        : undefined,
  },
);
export type TFilterCondition = z.infer<typeof ZFilterCondition>;
export type FilterConditionType = TFilterCondition["type"];

/** The `filter` query parameter: a URL-encoded JSON array of conditions (empty = no filter). */
export const ZQueryFilter = z.preprocess(
  (v) => (v === "" ? undefined : v),
  zJsonString("filter", "a JSON array of filter conditions")
    .pipe(z.array(ZFilterCondition, { error: "filter must be a JSON array of filter conditions" }).max(50))
    .optional(),
);
