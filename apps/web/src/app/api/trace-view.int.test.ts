import "@/testing/next-environment";
import { randomUUID } from "node:crypto";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { processIngestionBatch } from "@loupe/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callRoute, createSignedInTenant, type RouteHandler } from "@/testing/call-route";
import * as nextAuthRoute from "./auth/[...nextauth]/route";
import * as traceRoute from "./internal/projects/[projectId]/traces/[traceId]/route";
import * as searchRoute from "./internal/projects/[projectId]/traces/[traceId]/search/route";
import * as ingestionRoute from "./public/ingestion/route";
import * as sharedRoute from "./internal/shared/projects/[projectId]/traces/[traceId]/route";
import * as sharedSearchRoute from "./internal/shared/projects/[projectId]/traces/[traceId]/search/route";

// The trace view's server side through the real routes (Postgres, Redis): search inside a trace over
// inputs and outputs, and sharing that hides the user and session ids from the public endpoint.

const BASE = "http://loupe.test";
const nextAuth = nextAuthRoute as unknown as { GET: RouteHandler; POST: RouteHandler };
const h = (handler: unknown) => handler as RouteHandler;
type Tenant = { projectId: string; basic: string; cookie: string };
let owner: Tenant;
let other: Tenant;
const traceId = `t-${randomUUID()}`;
const userId = `user-${randomUUID()}`;
const sessionId = `session-${randomUUID()}`;
const ids = { retriever: `o-${randomUUID()}`, answer: `o-${randomUUID()}`, tool: `o-${randomUUID()}` };

afterAll(async () => {
  await closeQueues();
});

beforeAll(async () => {
  owner = await createSignedInTenant(nextAuth, BASE);
  other = await createSignedInTenant(nextAuth, BASE);
  const now = Date.now();
  const at = (ms: number) => new Date(now - 10_000 + ms).toISOString();
  const event = (type: string, body: Record<string, unknown>) => ({ id: randomUUID(), type, timestamp: at(0), body });
  const batch = [
    event("trace-create", { id: traceId, name: "support", userId, sessionId, input: { q: "Where is parcel 7?" }, output: "Tomorrow" }),
    event("retriever-create", {
      id: ids.retriever,
      traceId,
      name: "search",
      startTime: at(1),
      output: [{ pageContent: "Refund policy: 100% back" }],
    }),
    event("generation-create", { id: ids.answer, traceId, name: "answer", startTime: at(2), input: "hi", output: "Your PARCEL ships" }),
    event("tool-create", { id: ids.tool, traceId, name: "lookup_parcel", startTime: at(3), input: { id: 7 } }),
  ];
  const response = await callRoute(h(ingestionRoute.POST), {
    url: `${BASE}/api/public/ingestion`,
    method: "POST",
    headers: { authorization: owner.basic, "content-type": "application/json" },
    body: JSON.stringify({ batch }),
  });
  expect(response.status).toBe(207);
  for (const b of await prisma.ingestionBatch.findMany({ where: { projectId: owner.projectId, processedAt: null } })) {
    await processIngestionBatch(b.id);
  }
});

const search = (q: string, as: Tenant = owner, id = traceId) =>
  callRoute(h(searchRoute.GET), {
    url: `${BASE}/api/internal/projects/${as.projectId}/traces/${id}/search?q=${encodeURIComponent(q)}`,
    headers: { cookie: as.cookie },
    params: { projectId: as.projectId, traceId: id },
  });

const shared = (path = "") =>
  callRoute(h(path ? sharedSearchRoute.GET : sharedRoute.GET), {
    url: `${BASE}/api/internal/shared/projects/${owner.projectId}/traces/${traceId}${path}`,
    params: { projectId: owner.projectId, traceId },
  });

const share = (body: Record<string, unknown>) =>
  callRoute(h(traceRoute.PATCH), {
    url: `${BASE}/api/internal/projects/${owner.projectId}/traces/${traceId}`,
    method: "PATCH",
    headers: { cookie: owner.cookie, "content-type": "application/json" },
    body: JSON.stringify(body),
    params: { projectId: owner.projectId, traceId },
  });

describe("search inside a trace", () => {
  it("finds observations by input or output text, case-insensitively, in start order, and the trace's own payload", async () => {
    const res = await search("parcel");
    expect(res.status).toBe(200);
    // The trace input names "parcel"; the answer's output matches; the tool matches only by name (the browser's part).
    expect(await res.json()).toEqual({ trace: true, observationIds: [ids.answer], truncated: false });
    expect(await (await search("7")).json()).toMatchObject({ observationIds: [ids.tool] });
  });

  it("treats % and _ as text, not wildcards", async () => {
    expect(await (await search("100%")).json()).toMatchObject({ observationIds: [ids.retriever] });
    expect(await (await search("1_0")).json()).toMatchObject({ observationIds: [], trace: false });
  });

  it("answers 400 for an empty or overlong query, 404 for another project's trace", async () => {
    expect((await search("  ")).status).toBe(400);
    expect((await search("x".repeat(201))).status).toBe(400);
    expect((await search("parcel", other, traceId)).status).toBe(404);
  });
});

describe("sharing without the user and session ids", () => {
  it("the public endpoints answer 404 while the trace is private", async () => {
    expect((await shared()).status).toBe(404);
    expect((await shared("/search?q=parcel")).status).toBe(404);
  });

  it("hidden on request: the public endpoint returns neither id (nowhere in the body); shown again when un-hidden", async () => {
    const res = await share({ public: true, hideIdentity: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: traceId, public: true, hideIdentity: true });

    const hidden = await shared();
    expect(hidden.status).toBe(200);
    const text = await hidden.text();
    expect(JSON.parse(text)).toMatchObject({ id: traceId, userId: null, sessionId: null, shareHidesIdentity: true });
    expect(text).not.toContain(userId);
    expect(text).not.toContain(sessionId);
    expect(await (await shared("/search?q=parcel")).json()).toMatchObject({ trace: true, observationIds: [ids.answer] });

    // The members' own view still shows them.
    const member = await callRoute(h(traceRoute.GET), {
      url: `${BASE}/api/internal/projects/${owner.projectId}/traces/${traceId}`,
      headers: { cookie: owner.cookie },
      params: { projectId: owner.projectId, traceId },
    });
    expect(await member.json()).toMatchObject({ userId, sessionId, shareHidesIdentity: true });

    // Left out of the body, the choice stays; false shows them.
    await share({ public: false });
    expect(await (await share({ public: true })).json()).toMatchObject({ hideIdentity: true });
    await share({ public: true, hideIdentity: false });
    expect(await (await shared()).json()).toMatchObject({ userId, sessionId, shareHidesIdentity: false });
  });

  it("refuses a non-boolean hideIdentity with a 400 naming it", async () => {
    const res = await share({ public: true, hideIdentity: "yes" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("hideIdentity");
  });
});
