import "@/testing/next-environment";
import { randomUUID } from "node:crypto";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSignedInMember, callRoute, createSignedInTenant, type RouteHandler, seedTraces } from "@/testing/call-route";
import * as nextAuthRoute from "./auth/[...nextauth]/route";
import * as commentsRoute from "./internal/projects/[projectId]/comments/route";
import * as queueRoute from "./internal/projects/[projectId]/annotation-queues/[queueId]/route";
import * as queueItemsRoute from "./internal/projects/[projectId]/annotation-queues/[queueId]/items/route";
import * as completeRoute from "./internal/projects/[projectId]/annotation-queues/[queueId]/items/[itemId]/complete/route";
import * as reviewRoute from "./internal/projects/[projectId]/annotation-queues/[queueId]/review/route";
import * as assigneesRoute from "./internal/projects/[projectId]/annotation-queues/[queueId]/assignments/route";
import * as queuesRoute from "./internal/projects/[projectId]/annotation-queues/route";
import * as configRoute from "./internal/projects/[projectId]/score-configs/[configId]/route";
import * as configsRoute from "./internal/projects/[projectId]/score-configs/route";
import * as pubQueueRoute from "./public/annotation-queues/[queueId]/route";
import * as pubAssignRoute from "./public/annotation-queues/[queueId]/assignments/route";
import * as pubItemRoute from "./public/annotation-queues/[queueId]/items/[itemId]/route";
import * as pubItemsRoute from "./public/annotation-queues/[queueId]/items/route";
import * as pubQueuesRoute from "./public/annotation-queues/route";
import * as pubCommentRoute from "./public/comments/[commentId]/route";
import * as pubCommentsRoute from "./public/comments/route";
import * as ingestionRoute from "./public/ingestion/route";
import * as scoresV3Route from "./public/v3/scores/route";

// Human annotation end to end through the real route handlers (Postgres, Redis): score configs,
// queues, items and assignments on the public and internal APIs, the reviewer's loop, comments, and
// the v3 scores list that reads what the reviewers wrote.

const BASE = "http://loupe.test";
const nextAuth = nextAuthRoute as unknown as { GET: RouteHandler; POST: RouteHandler };
type Tenant = { projectId: string; basic: string; cookie: string };
let owner: Tenant;
let other: Tenant;
let annotator: { userId: string; cookie: string };
let viewer: { userId: string; cookie: string };
const traceIds = [`t-${randomUUID()}`, `t-${randomUUID()}`, `t-${randomUUID()}`];
const observationId = `o-${randomUUID()}`;
const sessionId = `s-${randomUUID()}`;
let quality: string; // NUMERIC 1..5
let verdict: string; // CATEGORICAL good/bad
let correct: string; // BOOLEAN

const h = (handler: unknown) => handler as RouteHandler;
const json = (value: unknown) => JSON.stringify(value);
// Answers are read loosely here: each test asserts the fields it cares about.
// biome-ignore lint/suspicious/noExplicitAny: test answers are asserted field by field
type Answer = { status: number; body: Record<string, any> };

async function pub(
  handler: unknown,
  path: string,
  init: { method?: string; body?: unknown; params?: Record<string, string>; as?: Tenant } = {},
) {
  const response = await callRoute(h(handler), {
    url: `${BASE}/api/public${path}`,
    method: init.method ?? "GET",
    headers: { authorization: (init.as ?? owner).basic, "content-type": "application/json" },
    body: init.body === undefined ? undefined : json(init.body),
    params: init.params,
  });
  return { status: response.status, body: await response.json() } as Answer;
}

async function ui(
  handler: unknown,
  path: string,
  init: { method?: string; body?: unknown; params?: Record<string, string>; cookie?: string } = {},
) {
  const response = await callRoute(h(handler), {
    url: `${BASE}/api/internal/projects/${owner.projectId}${path}`,
    method: init.method ?? "GET",
    headers: { cookie: init.cookie ?? owner.cookie, "content-type": "application/json" },
    body: init.body === undefined ? undefined : json(init.body),
    params: { projectId: owner.projectId, ...init.params },
  });
  return { status: response.status, body: await response.json() } as Answer;
}

beforeAll(async () => {
  owner = await createSignedInTenant(nextAuth, BASE);
  other = await createSignedInTenant(nextAuth, BASE);
  annotator = await addSignedInMember(nextAuth, BASE, owner.projectId, "ANNOTATOR");
  viewer = await addSignedInMember(nextAuth, BASE, owner.projectId, "VIEWER");
  await seedTraces(h(ingestionRoute.POST), BASE, owner.basic, [
    { id: traceIds[0] as string, sessionId, observationId },
    { id: traceIds[1] as string, name: "filtered-in" },
    { id: traceIds[2] as string, name: "filtered-in" },
  ]);
  const mk = async (body: unknown) => (await ui(configsRoute.POST, "/score-configs", { method: "POST", body })).body.id as string;
  quality = await mk({ name: "quality", dataType: "NUMERIC", minValue: 1, maxValue: 5 });
  verdict = await mk({
    name: "verdict",
    dataType: "CATEGORICAL",
    categories: [
      { label: "good", value: 1 },
      { label: "bad", value: 0 },
    ],
  });
  correct = await mk({ name: "correct", dataType: "BOOLEAN" });
}, 60_000);

afterAll(async () => {
  await closeQueues();
});

describe("score configs in the UI", () => {
  it("creates, lists, archives, and refuses a bad range or a duplicate name", async () => {
    const bad = await ui(configsRoute.POST, "/score-configs", {
      method: "POST",
      body: { name: "r", dataType: "NUMERIC", minValue: 5, maxValue: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.invalid_params[0].name).toBe("maxValue");
    const dup = await ui(configsRoute.POST, "/score-configs", { method: "POST", body: { name: "quality", dataType: "NUMERIC" } });
    expect(dup.status).toBe(409);
    const temp = await ui(configsRoute.POST, "/score-configs", {
      method: "POST",
      body: { name: `temp-${randomUUID().slice(0, 8)}`, dataType: "BOOLEAN" },
    });
    expect(temp.status).toBe(201);
    expect(temp.body.categories).toEqual([
      { value: 1, label: "True" },
      { value: 0, label: "False" },
    ]);
    const archived = await ui(configRoute.PATCH, `/score-configs/${temp.body.id}`, {
      method: "PATCH",
      body: { isArchived: true },
      params: { configId: temp.body.id },
    });
    expect(archived.body.isArchived).toBe(true);
    const active = await ui(configsRoute.GET, "/score-configs");
    expect(active.body.data.map((c: { id: string }) => c.id)).not.toContain(temp.body.id);
    const all = await ui(configsRoute.GET, "/score-configs?archived=include");
    expect(all.body.data.map((c: { id: string }) => c.id)).toContain(temp.body.id);
    const asViewer = await ui(configsRoute.POST, "/score-configs", {
      method: "POST",
      body: { name: "v", dataType: "BOOLEAN" },
      cookie: viewer.cookie,
    });
    expect(asViewer.status).toBe(403);
  });
});

describe("public annotation queues", () => {
  it("creates a queue, refuses bad bodies, and keeps other projects out", async () => {
    const missing = await pub(pubQueuesRoute.POST, "/annotation-queues", { method: "POST", body: { name: "q", scoreConfigIds: [] } });
    expect(missing.status).toBe(400);
    expect(json(missing.body)).toMatch(/at least one score config/);
    const unknown = await pub(pubQueuesRoute.POST, "/annotation-queues", { method: "POST", body: { name: "q", scoreConfigIds: ["nope"] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/scoreConfigIds: unknown or archived score config nope/);
    const created = await pub(pubQueuesRoute.POST, "/annotation-queues", {
      method: "POST",
      body: { name: "api queue", description: "d", scoreConfigIds: [quality] },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: "api queue", description: "d", scoreConfigIds: [quality] });
    const again = await pub(pubQueuesRoute.POST, "/annotation-queues", {
      method: "POST",
      body: { name: "api queue", scoreConfigIds: [quality] },
    });
    expect(again.status).toBe(409);
    const list = await pub(pubQueuesRoute.GET, "/annotation-queues?limit=1");
    expect(list.body.meta).toMatchObject({ page: 1, limit: 1, totalItems: 1, totalPages: 1 });
    const got = await pub(pubQueueRoute.GET, `/annotation-queues/${created.body.id}`, { params: { queueId: created.body.id } });
    expect(got.body.id).toBe(created.body.id);
    const foreign = await pub(pubQueueRoute.GET, `/annotation-queues/${created.body.id}`, {
      params: { queueId: created.body.id },
      as: other,
    });
    expect(foreign.status).toBe(404);
    expect((await pub(pubQueuesRoute.GET, "/annotation-queues", { as: other })).body.data).toEqual([]);
  });

  it("adds, lists, completes and removes items; refuses objects that do not exist", async () => {
    const queue = (
      await pub(pubQueuesRoute.POST, "/annotation-queues", { method: "POST", body: { name: "items", scoreConfigIds: [quality] } })
    ).body;
    const params = { queueId: queue.id };
    const ghost = await pub(pubItemsRoute.POST, `/annotation-queues/${queue.id}/items`, {
      method: "POST",
      params,
      body: { objectId: "ghost", objectType: "TRACE" },
    });
    expect(ghost.status).toBe(404);
    const badType = await pub(pubItemsRoute.POST, `/annotation-queues/${queue.id}/items`, {
      method: "POST",
      params,
      body: { objectId: "x", objectType: "DATASET" },
    });
    expect(badType.status).toBe(400);
    const add = (objectId: string, objectType: string) =>
      pub(pubItemsRoute.POST, `/annotation-queues/${queue.id}/items`, { method: "POST", params, body: { objectId, objectType } });
    const item = await add(traceIds[0] as string, "TRACE");
    expect(item.status).toBe(200);
    expect(item.body).toMatchObject({
      queueId: queue.id,
      objectId: traceIds[0],
      objectType: "TRACE",
      status: "PENDING",
      completedAt: null,
    });
    expect((await add(traceIds[0] as string, "TRACE")).body.id).toBe(item.body.id); // idempotent
    expect((await add(observationId, "OBSERVATION")).status).toBe(200);
    expect((await add(sessionId, "SESSION")).status).toBe(200);
    const itemParams = { queueId: queue.id, itemId: item.body.id };
    const done = await pub(pubItemRoute.PATCH, `/annotation-queues/${queue.id}/items/${item.body.id}`, {
      method: "PATCH",
      params: itemParams,
      body: { status: "COMPLETED" },
    });
    expect(done.body.status).toBe("COMPLETED");
    expect(done.body.completedAt).not.toBeNull();
    const pending = await pub(pubItemsRoute.GET, `/annotation-queues/${queue.id}/items?status=PENDING`, { params });
    expect(pending.body.meta.totalItems).toBe(2);
    expect((await pub(pubItemsRoute.GET, `/annotation-queues/${queue.id}/items?status=DONE`, { params })).status).toBe(400);
    const removed = await pub(pubItemRoute.DELETE, `/annotation-queues/${queue.id}/items/${item.body.id}`, {
      method: "DELETE",
      params: itemParams,
    });
    expect(removed.body.success).toBe(true);
    expect((await pub(pubItemRoute.GET, `/annotation-queues/${queue.id}/items/${item.body.id}`, { params: itemParams })).status).toBe(404);
    const foreign = await pub(pubItemsRoute.GET, `/annotation-queues/${queue.id}/items`, { params, as: other });
    expect(foreign.status).toBe(404);
  });

  it("assigns members who may annotate, refuses others, and unassigns", async () => {
    const queue = (
      await pub(pubQueuesRoute.POST, "/annotation-queues", { method: "POST", body: { name: "assign", scoreConfigIds: [quality] } })
    ).body;
    const params = { queueId: queue.id };
    const assign = (userId: string, method = "POST") =>
      pub(method === "POST" ? pubAssignRoute.POST : pubAssignRoute.DELETE, `/annotation-queues/${queue.id}/assignments`, {
        method,
        params,
        body: { userId },
      });
    const ok = await assign(annotator.userId);
    expect(ok.body).toEqual({ userId: annotator.userId, queueId: queue.id, projectId: owner.projectId });
    const asViewer = await assign(viewer.userId);
    expect(asViewer.status).toBe(400);
    expect(asViewer.body.message).toMatch(/VIEWER, which may not annotate/);
    expect((await assign("stranger")).status).toBe(400);
    expect((await assign(annotator.userId, "DELETE")).body).toEqual({ success: true });
    expect((await assign(annotator.userId, "DELETE")).status).toBe(404);
  });
});

describe("the reviewer's loop in the UI", () => {
  it("queues a selection and a filter, and an ANNOTATOR completes items with ANNOTATION scores and a comment", async () => {
    const created = await ui(queuesRoute.POST, "/annotation-queues", {
      method: "POST",
      body: { name: "review", scoreConfigIds: [quality, verdict, correct], assigneeUserIds: [annotator.userId] },
    });
    expect(created.status).toBe(201);
    const queueId = created.body.id as string;
    expect(created.body.assignees.map((a: { id: string }) => a.id)).toEqual([annotator.userId]);
    const params = { queueId };
    const bySelection = await ui(queueItemsRoute.POST, `/annotation-queues/${queueId}/items`, {
      method: "POST",
      params,
      body: { source: "ids", objectType: "TRACE", objectIds: [traceIds[0]] },
    });
    expect(bySelection.body).toEqual({ added: 1, skipped: 0 });
    const byFilter = await ui(queueItemsRoute.POST, `/annotation-queues/${queueId}/items`, {
      method: "POST",
      params,
      body: { source: "filter", filter: { name: "filtered-in" } },
    });
    expect(byFilter.body).toEqual({ added: 2, skipped: 0 });
    const ghost = await ui(queueItemsRoute.POST, `/annotation-queues/${queueId}/items`, {
      method: "POST",
      params,
      body: { source: "ids", objectType: "TRACE", objectIds: ["ghost"] },
    });
    expect(ghost.status).toBe(404);
    // An annotator may not add items.
    const asAnnotator = await ui(queueItemsRoute.POST, `/annotation-queues/${queueId}/items`, {
      method: "POST",
      params,
      cookie: annotator.cookie,
      body: { source: "ids", objectType: "TRACE", objectIds: [traceIds[1]] },
    });
    expect(asAnnotator.status).toBe(403);

    const first = (await ui(reviewRoute.GET, `/annotation-queues/${queueId}/review`, { params, cookie: annotator.cookie })).body.review;
    expect(first).toMatchObject({ position: 1, total: 3, previousId: null });
    expect(first.nextPendingId).toBe(first.nextId);
    const complete = (itemId: string, body: unknown, cookie = annotator.cookie) =>
      ui(completeRoute.POST, `/annotation-queues/${queueId}/items/${itemId}/complete`, {
        method: "POST",
        params: { queueId, itemId },
        body,
        cookie,
      });

    // Bad values are refused with the reason, and nothing is written.
    const outOfRange = await complete(first.item.id, {
      scores: [
        { configId: quality, value: 9 },
        { configId: verdict, value: "good" },
      ],
    });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.title).toMatch(/quality must be at most 5/);
    const badLabel = await complete(first.item.id, { scores: [{ configId: verdict, value: "meh" }] });
    expect(badLabel.body.title).toMatch(/verdict must be one of: good, bad/);
    expect((await complete(first.item.id, { scores: [{ configId: "other", value: 1 }] })).body.title).toMatch(
      /not a score config of this queue/,
    );
    expect(await prisma.score.count({ where: { projectId: owner.projectId, queueId } })).toBe(0);
    // A VIEWER may read the queue but not complete an item.
    expect((await complete(first.item.id, { scores: [] }, viewer.cookie)).status).toBe(403);

    const submitted = await complete(first.item.id, {
      scores: [
        { configId: quality, value: 4 },
        { configId: verdict, value: "good" },
        { configId: correct, value: 1 },
      ],
      comment: "Clear answer",
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: "COMPLETED", nextPendingId: first.nextId });
    const scores = await prisma.score.findMany({ where: { projectId: owner.projectId, queueId }, orderBy: { name: "asc" } });
    expect(scores.map((s) => [s.name, s.value, s.stringValue, s.source, s.authorUserId, s.traceId])).toEqual([
      ["correct", 1, "True", "ANNOTATION", annotator.userId, traceIds[0]],
      ["quality", 4, null, "ANNOTATION", annotator.userId, traceIds[0]],
      ["verdict", 1, "good", "ANNOTATION", annotator.userId, traceIds[0]],
    ]);
    // Going back and submitting again updates the same scores rather than adding more.
    await complete(first.item.id, { scores: [{ configId: quality, value: 2 }] });
    expect(await prisma.score.count({ where: { projectId: owner.projectId, queueId } })).toBe(3);

    const comments = await ui(commentsRoute.GET, `/comments?objectType=TRACE&objectId=${traceIds[0]}`, { cookie: annotator.cookie });
    expect(comments.body.data[0]).toMatchObject({ content: "Clear answer", author: { id: annotator.userId } });

    const second = (
      await ui(reviewRoute.GET, `/annotation-queues/${queueId}/review?itemId=${first.nextId}`, { params, cookie: annotator.cookie })
    ).body.review;
    expect(second).toMatchObject({ position: 2, total: 3, previousId: first.item.id });
    const detail = await ui(queueRoute.GET, `/annotation-queues/${queueId}`, { params });
    expect(detail.body.queue.counts).toEqual({ pending: 2, completed: 1 });
    const done = detail.body.items.find((i: { id: string }) => i.id === first.item.id);
    expect(done).toMatchObject({ status: "COMPLETED", scoreCount: 3, completedBy: { id: annotator.userId } });
    expect(detail.body.members.map((m: { id: string }) => m.id)).toContain(annotator.userId);
    expect(detail.body.members.map((m: { id: string }) => m.id)).not.toContain(viewer.userId);

    // Assignees: a set; a VIEWER cannot be assigned.
    const setTo = (userIds: string[]) =>
      ui(assigneesRoute.PUT, `/annotation-queues/${queueId}/assignments`, { method: "PUT", params, body: { userIds } });
    expect((await setTo([viewer.userId])).status).toBe(400);
    expect((await setTo([])).body.assignees).toEqual([]);

    // v3 scores read what the reviewer wrote, with the annotation and subject groups.
    const v3 = await pub(scoresV3Route.GET, `/v3/scores?queueId=${queueId}&fields=annotation,subject&source=annotation`);
    expect(v3.status).toBe(200);
    const byName = Object.fromEntries(v3.body.data.map((s: { name: string }) => [s.name, s]));
    expect(byName.correct).toMatchObject({
      dataType: "BOOLEAN",
      value: true,
      authorUserId: annotator.userId,
      queueId,
      subject: { kind: "trace", id: traceIds[0] },
    });
    expect(byName.verdict.value).toBe("good");
    expect(byName.quality.value).toBe(2);
    expect(byName.quality.comment).toBeUndefined(); // "details" not asked for
  });
});

describe("queues an ANNOTATOR may see", () => {
  it("lists, opens and reviews only the queues assigned to it; members and viewers see them all", async () => {
    const make = async (name: string, assigneeUserIds: string[]) => {
      const created = await ui(queuesRoute.POST, "/annotation-queues", {
        method: "POST",
        body: { name: `${name}-${randomUUID().slice(0, 6)}`, scoreConfigIds: [quality], assigneeUserIds },
      });
      expect(created.status).toBe(201);
      const queueId = created.body.id as string;
      await ui(queueItemsRoute.POST, `/annotation-queues/${queueId}/items`, {
        method: "POST",
        params: { queueId },
        body: { source: "ids", objectType: "TRACE", objectIds: [traceIds[1]] },
      });
      return queueId;
    };
    const mine = await make("mine", [annotator.userId]);
    const theirs = await make("theirs", []);
    const listed = async (cookie: string) =>
      ((await ui(queuesRoute.GET, "/annotation-queues", { cookie })).body.data as { id: string }[]).map((q) => q.id);
    expect(await listed(annotator.cookie)).toContain(mine);
    expect(await listed(annotator.cookie)).not.toContain(theirs);
    for (const cookie of [owner.cookie, viewer.cookie]) expect(await listed(cookie)).toEqual(expect.arrayContaining([mine, theirs]));

    // Another queue is a 404 for the annotator, as if it did not exist, on every queue route it may call.
    const asAnnotator = (
      handler: unknown,
      path: string,
      queueId: string,
      extra: { method?: string; body?: unknown; params?: Record<string, string> } = {},
    ) => ui(handler, path, { method: extra.method, body: extra.body, params: { queueId, ...extra.params }, cookie: annotator.cookie });
    expect((await asAnnotator(queueRoute.GET, `/annotation-queues/${theirs}`, theirs)).status).toBe(404);
    expect((await asAnnotator(reviewRoute.GET, `/annotation-queues/${theirs}/review`, theirs)).status).toBe(404);
    const item = await prisma.annotationQueueItem.findFirstOrThrow({ where: { queueId: theirs } });
    const refused = await asAnnotator(completeRoute.POST, `/annotation-queues/${theirs}/items/${item.id}/complete`, theirs, {
      method: "POST",
      params: { itemId: item.id },
      body: { scores: [{ configId: quality, value: 3 }] },
    });
    expect(refused.status).toBe(404);
    expect(await prisma.score.count({ where: { projectId: owner.projectId, queueId: theirs } })).toBe(0);
    expect((await prisma.annotationQueueItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("PENDING");

    // Its own queue opens and reviews; a member opens the other one.
    expect((await asAnnotator(queueRoute.GET, `/annotation-queues/${mine}`, mine)).status).toBe(200);
    expect((await asAnnotator(reviewRoute.GET, `/annotation-queues/${mine}/review`, mine)).body.review.total).toBe(1);
    expect((await ui(queueRoute.GET, `/annotation-queues/${theirs}`, { params: { queueId: theirs } })).status).toBe(200);
  });
});

describe("comments", () => {
  it("public API: creates on existing objects only, with a member as author, and lists by object", async () => {
    const body = { projectId: owner.projectId, objectType: "trace", objectId: traceIds[1], content: "from the API" };
    const created = await pub(pubCommentsRoute.POST, "/comments", { method: "POST", body });
    expect(created.status).toBe(200);
    const withAuthor = await pub(pubCommentsRoute.POST, "/comments", { method: "POST", body: { ...body, authorUserId: annotator.userId } });
    expect(withAuthor.status).toBe(200);
    expect(
      (await pub(pubCommentsRoute.POST, "/comments", { method: "POST", body: { ...body, authorUserId: viewer.userId } })).body.message,
    ).toMatch(/VIEWER, which may not comment/);
    expect((await pub(pubCommentsRoute.POST, "/comments", { method: "POST", body: { ...body, projectId: other.projectId } })).status).toBe(
      400,
    );
    expect((await pub(pubCommentsRoute.POST, "/comments", { method: "POST", body: { ...body, objectId: "ghost" } })).status).toBe(404);
    expect((await pub(pubCommentsRoute.POST, "/comments", { method: "POST", body: { ...body, content: "x".repeat(5001) } })).status).toBe(
      400,
    );
    expect((await pub(pubCommentsRoute.POST, "/comments", { method: "POST", body: { ...body, objectType: "dataset" } })).status).toBe(400);
    const list = await pub(pubCommentsRoute.GET, `/comments?objectType=TRACE&objectId=${traceIds[1]}`);
    expect(list.body.meta.totalItems).toBe(2);
    const byAuthor = await pub(pubCommentsRoute.GET, `/comments?authorUserId=${annotator.userId}&objectId=${traceIds[1]}`);
    expect(byAuthor.body.data.map((c: { id: string }) => c.id)).toEqual([withAuthor.body.id]);
    const one = await pub(pubCommentRoute.GET, `/comments/${created.body.id}`, { params: { commentId: created.body.id } });
    expect(one.body).toMatchObject({ objectType: "TRACE", content: "from the API", authorUserId: null });
    expect(
      (await pub(pubCommentRoute.GET, `/comments/${created.body.id}`, { params: { commentId: created.body.id }, as: other })).status,
    ).toBe(404);
  });

  it("UI: an ANNOTATOR comments on an observation; a VIEWER may not comment; prompt comments stay outside an ANNOTATOR's reach", async () => {
    const add = (cookie: string, objectType = "OBSERVATION", objectId = observationId) =>
      ui(commentsRoute.POST, "/comments", { method: "POST", body: { objectType, objectId, content: "<b>look</b>" }, cookie });
    const made = await add(annotator.cookie);
    expect(made.status).toBe(201);
    expect(made.body.content).toBe("<b>look</b>");
    expect((await add(viewer.cookie)).status).toBe(403);
    expect((await add(annotator.cookie, "PROMPT", "any")).status).toBe(403);
    expect((await ui(commentsRoute.GET, "/comments?objectType=PROMPT&objectId=any", { cookie: annotator.cookie })).status).toBe(403);
    expect((await ui(commentsRoute.GET, "/comments?objectType=NOPE&objectId=x")).status).toBe(400);
  });
});

describe("GET /api/public/v3/scores", () => {
  it("refuses bad parameters with the reason", async () => {
    for (const [query, reason] of [
      ["fields=everything", /unknown field group everything/],
      ["value=1", /value needs a single dataType/],
      ["dataType=BOOLEAN&value=yes", /BOOLEAN values are true or false/],
      ["valueMin=1", /valueMin\/valueMax need dataType=NUMERIC/],
      ["observationId=o1", /observationId needs traceId/],
      ["traceId=t&sessionId=s", /mutually exclusive/],
      ["limit=101", /limit is at most 100/],
      ["source=ROBOT", /unknown source ROBOT/],
      ["cursor=garbage", /cursor is not a cursor/],
    ] as const) {
      const answer = await pub(scoresV3Route.GET, `/v3/scores?${query}`);
      expect(answer.status, query).toBe(400);
      expect(json(answer.body), query).toMatch(reason);
    }
  });

  it("pages with a cursor through every score exactly once, and filters by value range", async () => {
    const run = `run-${randomUUID()}`;
    const now = Date.now();
    await prisma.score.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({
        projectId: owner.projectId,
        id: `${run}-${i}`,
        name: run,
        value: i,
        dataType: "NUMERIC" as const,
        traceId: traceIds[2],
        timestamp: new Date(now - (i % 2) * 1000), // ties on timestamp are broken by id
      })),
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await pub(scoresV3Route.GET, `/v3/scores?name=${run}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.body.data.map((s: { id: string }) => s.id));
      cursor = page.body.meta.cursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `${run}-${i}`));
    const ranged = await pub(scoresV3Route.GET, `/v3/scores?name=${run}&dataType=numeric&valueMin=1&valueMax=3&fields=details`);
    expect(ranged.body.data.map((s: { value: number }) => s.value).sort()).toEqual([1, 2, 3]);
    expect(ranged.body.data[0]).toHaveProperty("metadata");
  });
});
