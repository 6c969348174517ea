import { randomUUID } from "node:crypto";
import { ZSessionListQuery, ZUserListQuery } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { afterAll, describe, expect, it } from "vitest";
import { acceptIngestionBatch } from "../ingestion/accept-batch.ts";
import { processIngestionBatch } from "../ingestion/process-batch.ts";
import { createProjectWithKeys } from "../testing.ts";
import { getSessionDetail, listProjectSessions } from "./sessions.ts";
import { getUserDetail, listProjectUsers } from "./users.ts";

afterAll(async () => {
  await closeQueues();
});

const t0 = Date.parse("2026-01-01T10:00:00.000Z");
const at = (ms: number) => new Date(t0 + ms).toISOString();
const ev = (type: string, body: Record<string, unknown>) => ({ id: randomUUID(), type, timestamp: at(0), body });
const page = { page: 1, limit: 50 };
// These tests' traces are from 2026-01-01: they read all time (the lists default to the last 7 days).
const allTime = <T extends object>(q: T) => ({ range: "all", ...q });

async function ingest(projectId: string, batch: unknown[]) {
  const result = await acceptIngestionBatch({ projectId, scope: "project" }, { batch });
  if (!result.ok || result.outcomes.some((o) => o.outcome !== "stored")) throw new Error(`ingestion failed: ${JSON.stringify(result)}`);
  const stored = await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } });
  for (const b of stored) await processIngestionBatch(b.id);
}

/** One trace of a conversation: a generation priced from usage that the caller gives as cost directly. */
function turn(opts: { sessionId?: string; userId?: string; startMs: number; cost: number; tokens: [number, number]; input?: unknown }) {
  const traceId = randomUUID();
  return {
    traceId,
    events: [
      ev("trace-create", {
        id: traceId,
        name: "chat-turn",
        timestamp: at(opts.startMs),
        sessionId: opts.sessionId,
        userId: opts.userId,
        input: opts.input ?? [{ role: "user", content: `question at ${opts.startMs}` }],
        output: { role: "assistant", content: `answer at ${opts.startMs}` },
      }),
      ev("generation-create", {
        id: randomUUID(),
        traceId,
        name: "llm",
        model: "my-unpriced-model",
        startTime: at(opts.startMs + 10),
        endTime: at(opts.startMs + 1010),
        usageDetails: { input: opts.tokens[0], output: opts.tokens[1] },
        costDetails: { total: opts.cost },
      }),
    ],
  };
}

describe("sessions and users read models", () => {
  it("aggregates a session's traces, newest session first, and replays its turns in order", async () => {
    const { project } = await createProjectWithKeys();
    const a = [
      turn({ sessionId: "s-a", userId: "alice", startMs: 60_000, cost: 0.25, tokens: [100, 20] }),
      turn({ sessionId: "s-a", userId: "alice", startMs: 0, cost: 0.5, tokens: [200, 40] }),
      turn({ sessionId: "s-a", userId: "bob", startMs: 30_000, cost: 0.125, tokens: [10, 5] }),
    ];
    const b = turn({ sessionId: "s-b", userId: "carol", startMs: 120_000, cost: 1, tokens: [1, 1] });
    const lone = turn({ userId: "alice", startMs: 200_000, cost: 2, tokens: [7, 3] });
    await ingest(
      project.id,
      [...a, b, lone].flatMap((t) => t.events),
    );

    const list = await listProjectSessions(project.id, ZSessionListQuery.parse(allTime(page)));
    expect(list.meta).toEqual({ page: 1, limit: 50, totalItems: 2, totalPages: 1 });
    expect(list.data.map((s) => s.id)).toEqual(["s-b", "s-a"]);
    const sa = list.data[1];
    expect(sa).toMatchObject({
      traceCount: 3,
      inputTokens: 310,
      outputTokens: 65,
      totalTokens: 375,
      firstTraceAt: at(0),
      lastTraceAt: at(60_000),
      environment: "default",
    });
    expect(sa?.userIds.sort()).toEqual(["alice", "bob"]);
    expect(sa?.totalCost).toBeCloseTo(0.875, 10);
    // From the first trace's timestamp to the last trace's timestamp plus its latency (the trace rollup's
    // first-observation-start to last-end: 1,000 ms), so the list can sort by it without observations.
    expect(sa?.durationMs).toBe(61_000);

    const second = await listProjectSessions(project.id, ZSessionListQuery.parse(allTime({ page: 2, limit: 1 })));
    expect(second.data.map((s) => s.id)).toEqual(["s-a"]);
    expect(second.meta.totalPages).toBe(2);

    const detail = await getSessionDetail(project.id, "s-a", { page: 1, limit: 2 });
    expect(detail.session.traceCount).toBe(3);
    expect(detail.turns.meta).toEqual({ page: 1, limit: 2, totalItems: 3, totalPages: 2, totalIsLowerBound: false });
    expect(detail.turns.data.map((t) => t.id)).toEqual([a[1]?.traceId, a[2]?.traceId]);
    expect(detail.turns.data[0]).toMatchObject({
      input: [{ role: "user", content: "question at 0" }],
      output: { role: "assistant", content: "answer at 0" },
      latencyMs: 1000,
      totalTokens: 240,
    });
    expect(detail.turns.data[0]?.totalCost).toBeCloseTo(0.5, 10);
    const rest = await getSessionDetail(project.id, "s-a", { page: 2, limit: 2 });
    expect(rest.turns.data.map((t) => t.id)).toEqual([a[0]?.traceId]);
  });

  it("aggregates users with their sessions and lists their traces newest first", async () => {
    const { project } = await createProjectWithKeys();
    const traces = [
      turn({ sessionId: "s-1", userId: "alice", startMs: 0, cost: 0.1, tokens: [10, 1] }),
      turn({ sessionId: "s-2", userId: "alice", startMs: 5_000, cost: 0.2, tokens: [20, 2] }),
      turn({ userId: "alice", startMs: 9_000, cost: 0.3, tokens: [30, 3] }),
      turn({ sessionId: "s-3", userId: "bob", startMs: 2_000, cost: 1, tokens: [1, 1] }),
      turn({ sessionId: "s-4", startMs: 50_000, cost: 5, tokens: [1, 1] }),
    ];
    await ingest(
      project.id,
      traces.flatMap((t) => t.events),
    );

    const users = await listProjectUsers(project.id, ZUserListQuery.parse(allTime(page)));
    expect(users.meta.totalItems).toBe(2);
    expect(users.data.map((u) => u.id)).toEqual(["alice", "bob"]);
    expect(users.data[0]).toMatchObject({ traceCount: 3, sessionCount: 2, totalTokens: 66, firstSeenAt: at(0), lastSeenAt: at(9_000) });
    expect(users.data[0]?.totalCost).toBeCloseTo(0.6, 10);

    const alice = await getUserDetail(project.id, "alice", page);
    expect(alice.user.traceCount).toBe(3);
    expect(alice.traces.meta.totalItems).toBe(3);
    expect(alice.traces.data.map((t) => t.id)).toEqual([traces[2]?.traceId, traces[1]?.traceId, traces[0]?.traceId]);
    expect(alice.traces.data.every((t) => t.userId === "alice")).toBe(true);
  });

  it("searches, filters and sorts sessions by any column, with their session-level scores", async () => {
    const { project } = await createProjectWithKeys();
    const withTrace = (t: ReturnType<typeof turn>, extra: Record<string, unknown>, level?: string) => {
      const [trace, generation] = t.events as unknown as [{ body: Record<string, unknown> }, { body: Record<string, unknown> }];
      Object.assign(trace.body, extra);
      if (level) Object.assign(generation.body, { level });
      return t.events;
    };
    await ingest(project.id, [
      ...withTrace(turn({ sessionId: "chat-alpha", userId: "ann", startMs: 0, cost: 0.3, tokens: [100, 10] }), { tags: ["vip"] }),
      ...withTrace(turn({ sessionId: "chat-alpha", userId: "ann", startMs: 90_000, cost: 0.3, tokens: [100, 10] }), {}, "ERROR"),
      ...withTrace(turn({ sessionId: "chat-beta", userId: "ben", startMs: 10_000, cost: 2, tokens: [5, 5] }), { environment: "staging" }),
      ...withTrace(turn({ sessionId: "batch-gamma", userId: "cid", startMs: 20_000, cost: 0.01, tokens: [1000, 1000] }), {}),
      ...["chat-alpha", "chat-beta"].map((sessionId, i) =>
        ev("score-create", { id: randomUUID(), sessionId, name: "resolved", value: i === 0 ? 1 : 0, dataType: "NUMERIC" }),
      ),
    ]);
    const ids = async (q: Record<string, unknown>) =>
      (await listProjectSessions(project.id, ZSessionListQuery.parse(allTime(q)))).data.map((s) => s.id);

    expect(await ids({})).toEqual(["chat-alpha", "batch-gamma", "chat-beta"]);
    expect(await ids({ search: "CHAT-" })).toEqual(["chat-alpha", "chat-beta"]);
    expect(await ids({ userId: "ben" })).toEqual(["chat-beta"]);
    expect(await ids({ environment: "staging" })).toEqual(["chat-beta"]);
    expect(await ids({ tags: "vip" })).toEqual(["chat-alpha"]);
    expect(await ids({ minLevel: "ERROR" })).toEqual(["chat-alpha"]);
    expect(await ids({ from: at(5_000), to: at(30_000) })).toEqual(["batch-gamma", "chat-beta"]);
    expect(await ids({ scoreName: "resolved", scoreOperator: "gte", scoreValue: "1" })).toEqual(["chat-alpha"]);
    expect(await ids({ sort: "cost" })).toEqual(["chat-beta", "chat-alpha", "batch-gamma"]);
    expect(await ids({ sort: "cost", order: "asc" })).toEqual(["batch-gamma", "chat-alpha", "chat-beta"]);
    expect(await ids({ sort: "tokens" })).toEqual(["batch-gamma", "chat-alpha", "chat-beta"]);
    expect(await ids({ sort: "traces" })).toEqual(["chat-alpha", "chat-beta", "batch-gamma"]);
    expect(await ids({ sort: "duration" })).toEqual(["chat-alpha", "chat-beta", "batch-gamma"]);
    expect(await ids({ sort: "start", order: "asc" })).toEqual(["chat-alpha", "chat-beta", "batch-gamma"]);

    // A time range narrows the totals to the traces inside it; a page past the end still knows the total.
    const windowed = await listProjectSessions(project.id, ZSessionListQuery.parse(allTime({ from: at(60_000) })));
    expect(windowed.data[0]).toMatchObject({ id: "chat-alpha", traceCount: 1 });
    const past = await listProjectSessions(project.id, ZSessionListQuery.parse(allTime({ page: 9, limit: 1 })));
    expect(past).toMatchObject({ data: [], meta: { totalItems: 3 } });

    const list = await listProjectSessions(project.id, ZSessionListQuery.parse(allTime({ search: "alpha" })));
    expect(list.data[0]?.scores).toEqual([{ name: "resolved", dataType: "NUMERIC", count: 1, average: 1, mostCommon: null }]);
    const detail = await getSessionDetail(project.id, "chat-beta", page);
    expect(detail.session.scores).toMatchObject([{ name: "resolved", average: 0 }]);

    const users = async (q: Record<string, unknown>) =>
      (await listProjectUsers(project.id, ZUserListQuery.parse(allTime(q)))).data.map((u) => u.id);
    expect(await users({ search: "b" })).toEqual(["ben"]);
    expect(await users({ sort: "cost" })).toEqual(["ben", "ann", "cid"]);
    expect(await users({ range: "all", from: at(15_000), to: at(30_000) })).toEqual(["cid"]);
  });

  it("never reads another project's sessions or users", async () => {
    const mine = await createProjectWithKeys();
    const theirs = await createProjectWithKeys();
    await ingest(theirs.project.id, turn({ sessionId: "shared", userId: "shared-user", startMs: 0, cost: 9, tokens: [1, 1] }).events);
    await ingest(mine.project.id, turn({ sessionId: "shared", userId: "shared-user", startMs: 0, cost: 1, tokens: [1, 1] }).events);

    const sessions = await listProjectSessions(mine.project.id, ZSessionListQuery.parse(allTime(page)));
    expect(sessions.data).toHaveLength(1);
    expect(sessions.data[0]?.traceCount).toBe(1);
    expect(sessions.data[0]?.totalCost).toBeCloseTo(1, 10);
    expect((await getUserDetail(mine.project.id, "shared-user", page)).user.totalCost).toBeCloseTo(1, 10);

    const empty = await createProjectWithKeys();
    expect((await listProjectSessions(empty.project.id, ZSessionListQuery.parse(allTime(page)))).meta.totalItems).toBe(0);
    expect((await listProjectUsers(empty.project.id, ZUserListQuery.parse(allTime(page)))).data).toEqual([]);
    await expect(getSessionDetail(empty.project.id, "shared", page)).rejects.toMatchObject({ status: 404 });
    await expect(getUserDetail(empty.project.id, "shared-user", page)).rejects.toMatchObject({ status: 404 });
  });
});
