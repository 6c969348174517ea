import { z } from "zod";

// Filter suggestions: the values a table's filter can offer as the person types (trace names, tags,
// users, models…). One route answers every field; the fields are this list, and the server's SQL per
// field is a `satisfies Record<SuggestionField, …>` map, so a field without a source does not compile.

export const SUGGESTION_FIELDS = [
  "traceName",
  "tags",
  "environment",
  "userId",
  "sessionId",
  "release",
  "version",
  "model",
  "observationName",
  "promptName",
] as const;
export type SuggestionField = (typeof SUGGESTION_FIELDS)[number];

/** At most this many values per answer (a dropdown, not a list to page through). */
export const SUGGESTION_LIMIT = 20;

export const ZFilterSuggestionsQuery = z.object({
  field: z.enum(SUGGESTION_FIELDS, { message: `field must be one of ${SUGGESTION_FIELDS.join(", ")}` }),
  /** What the person has typed so far: values starting with it (case-insensitive); empty: the most frequent. */
  prefix: z.preprocess((v) => (v === null || v === undefined ? "" : v), z.string().max(200, "prefix is at most 200 characters")),
});
export type TFilterSuggestionsQuery = z.infer<typeof ZFilterSuggestionsQuery>;

export const ZFilterSuggestionsResponse = z.object({
  field: z.enum(SUGGESTION_FIELDS),
  /** Most frequent first among the project's recent rows. */
  values: z.array(z.string()),
});
export type TFilterSuggestionsResponse = z.infer<typeof ZFilterSuggestionsResponse>;
