import { z } from "zod";

// A person's marks on a trace in the trace view: the bookmark and the tags (PATCH …/traces/:id/marks).

export const ZTag = z.string().trim().min(1, "a tag cannot be empty").max(200, "a tag is at most 200 characters");

export const ZTraceMarksBody = z
  .object({
    bookmarked: z.boolean().optional(),
    /** The trace's whole tag list after the edit (duplicates are dropped, order kept). */
    tags: z.array(ZTag).max(50, "a trace has at most 50 tags").optional(),
  })
  .refine((v) => v.bookmarked !== undefined || v.tags !== undefined, { message: "send bookmarked, tags or both" });
export type TTraceMarksBody = z.infer<typeof ZTraceMarksBody>;

export const ZTraceMarksResponse = z.object({ id: z.string(), bookmarked: z.boolean(), tags: z.array(z.string()) });
export type TTraceMarksResponse = z.infer<typeof ZTraceMarksResponse>;
