import { z } from "zod";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { ZQueryString, zQueryEnum } from "../common/query.ts";

// /api/public/comments… — Langfuse's OpenAPI (Comments).

export const COMMENT_OBJECT_TYPES = ["TRACE", "OBSERVATION", "SESSION", "PROMPT"] as const;
export type CommentObjectType = (typeof COMMENT_OBJECT_TYPES)[number];

/** Langfuse documents lowercase names ("trace") and the SDKs send either; both are accepted. */
const ZObjectType = z.preprocess((v) => (typeof v === "string" ? v.toUpperCase() : v), z.enum(COMMENT_OBJECT_TYPES));

export const ZCommentContent = z.string().trim().min(1, "content is required").max(5000, "content is limited to 5000 characters");

export const ZCreateCommentBody = z.object({
  projectId: z.string().min(1),
  objectType: ZObjectType,
  objectId: z.string().trim().min(1).max(200),
  content: ZCommentContent,
  authorUserId: z.string().min(1).max(200).nullish(),
});
export type TCreateCommentBody = z.infer<typeof ZCreateCommentBody>;
export const ZCreateCommentResponse = z.object({ id: z.string() });

export const ZPublicComment = z.object({
  id: z.string(),
  projectId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  objectType: z.enum(COMMENT_OBJECT_TYPES),
  objectId: z.string(),
  content: z.string(),
  authorUserId: z.string().nullable(),
});
export type TPublicComment = z.infer<typeof ZPublicComment>;

export const ZCommentsQuery = ZPageQuery.extend({
  objectType: z.preprocess((v) => (typeof v === "string" && v !== "" ? v.toUpperCase() : v), zQueryEnum(COMMENT_OBJECT_TYPES)),
  objectId: ZQueryString,
  authorUserId: ZQueryString,
});
export type TCommentsQuery = z.infer<typeof ZCommentsQuery>;
export const ZCommentsResponse = z.object({ data: z.array(ZPublicComment), meta: ZPageMeta });
export type TCommentsResponse = z.infer<typeof ZCommentsResponse>;
export const ZCommentParams = z.object({ commentId: z.string().trim().min(1).max(200) });
