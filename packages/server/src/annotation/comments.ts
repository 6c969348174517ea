import {
  type CommentObjectType,
  offsetOf,
  pageMeta,
  type Role,
  type TAddCommentBody,
  type TCommentRow,
  type TCommentsQuery,
  type TCommentsResponse,
  type TCreateCommentBody,
  type TPublicComment,
} from "@loupe/contracts";
import {
  deleteOwnComment,
  findAnnotationObjects,
  findComment,
  insertComment,
  listCommentsPage,
  listObjectComments,
  listProjectMembers,
} from "@loupe/db";
import { type Capability, can } from "@loupe/domain";
import { requireCapability } from "../auth/roles.ts";
import { badRequest, notFound, notFoundInProject } from "../errors.ts";

// Comments on traces, observations, sessions and prompts: the UI (with the signed-in author) and the
// public API (the API key's project, an optional author who must be a member).

/** What reading an object's comments takes: prompts are outside what an ANNOTATOR may read. */
const readCapability = (objectType: CommentObjectType): Capability => (objectType === "PROMPT" ? "project:read" : "traces:read");

type CommentWithAuthor = NonNullable<Awaited<ReturnType<typeof findComment>>>;
const toRow = (c: CommentWithAuthor): TCommentRow => ({
  id: c.id,
  objectType: c.objectType,
  objectId: c.objectId,
  content: c.content,
  author: c.author,
  createdAt: c.createdAt.toISOString(),
});

async function requireObject(projectId: string, objectType: CommentObjectType, objectId: string) {
  const found = await findAnnotationObjects(projectId, objectType, [objectId]);
  if (!found.has(objectId)) throw notFoundInProject(objectType.toLowerCase(), objectId);
}

export async function listComments(projectId: string, role: Role, objectType: CommentObjectType, objectId: string) {
  requireCapability(role, readCapability(objectType));
  return { data: (await listObjectComments(projectId, objectType, objectId)).map(toRow) };
}

export async function addComment(actor: { userId: string; projectId: string; role: Role }, body: TAddCommentBody): Promise<TCommentRow> {
  requireCapability(actor.role, "comment");
  requireCapability(actor.role, readCapability(body.objectType));
  await requireObject(actor.projectId, body.objectType, body.objectId);
  return toRow(await insertComment(actor.projectId, { ...body, authorUserId: actor.userId }));
}

/** People delete their own comments only (a comment of someone else answers 404). */
export async function removeComment(actor: { userId: string; projectId: string; role: Role }, commentId: string) {
  requireCapability(actor.role, "comment");
  if (!(await deleteOwnComment(actor.projectId, commentId, actor.userId))) throw notFound("Comment");
  return { id: commentId };
}

const toPublic = (c: Omit<CommentWithAuthor, "author">): TPublicComment => ({
  id: c.id,
  projectId: c.projectId,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
  objectType: c.objectType,
  objectId: c.objectId,
  content: c.content,
  authorUserId: c.authorUserId,
});

/** POST /api/public/comments: the body's projectId must be the key's; an author must be a member who may comment. */
export async function createPublicComment(projectId: string, body: TCreateCommentBody): Promise<{ id: string }> {
  if (body.projectId !== projectId) throw badRequest("projectId does not match the project of the API key");
  if (body.authorUserId) {
    const member = (await listProjectMembers(projectId)).find((m) => m.id === body.authorUserId);
    if (!member) throw badRequest(`authorUserId ${body.authorUserId} is not a member of this project`);
    if (!can(member.role, "comment"))
      throw badRequest(`authorUserId ${body.authorUserId} has the role ${member.role}, which may not comment`);
  }
  await requireObject(projectId, body.objectType, body.objectId);
  const row = await insertComment(projectId, {
    objectType: body.objectType,
    objectId: body.objectId,
    content: body.content,
    authorUserId: body.authorUserId ?? null,
  });
  return { id: row.id };
}

export async function listPublicComments(projectId: string, query: TCommentsQuery): Promise<TCommentsResponse> {
  const { rows, total } = await listCommentsPage(
    projectId,
    { objectType: query.objectType, objectId: query.objectId, authorUserId: query.authorUserId },
    { limit: query.limit, offset: offsetOf(query) },
  );
  return { data: rows.map(toPublic), meta: pageMeta(query, total) };
}

export async function getPublicComment(projectId: string, commentId: string): Promise<TPublicComment> {
  const row = await findComment(projectId, commentId);
  if (!row) throw notFoundInProject("Comment", commentId);
  return toPublic(row);
}
