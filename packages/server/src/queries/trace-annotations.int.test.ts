import { randomUUID } from "node:crypto";
import { ZCreateAnnotationScoreBody } from "@loupe/contracts";
import { insertScoreConfig, prisma, upsertOrganizationMembership } from "@loupe/db";
import { createTestUser } from "@loupe/db/testing";
import { closeQueues } from "@loupe/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptIngestionBatch } from "../ingestion/accept-batch.ts";
import { processIngestionBatch } from "../ingestion/process-batch.ts";
import { createProjectWithKeys } from "../testing.ts";
import { addAnnotationScore, getSharedObservationPayload, getSharedTraceDetail, setTracePublic } from "./trace-annotations.ts";
import { getTraceDetail } from "./traces.ts";

afterAll(async () => {
  await closeQueues();
});

const ev = (type: string, body: Record<string, unknown>) => ({ id: randomUUID(), type, timestamp: new Date().toISOString(), body });

async function ingest(projectId: string, batch: unknown[]) {
  const result = await acceptIngestionBatch({ projectId, scope: "project" }, { batch });
  if (!result.ok || result.outcomes.some((o) => o.outcome !== "stored")) throw new Error(`ingestion failed: ${JSON.stringify(result)}`);
  const stored = await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } });
  for (const b of stored) await processIngestionBatch(b.id);
}

let projectId: string;
let otherProjectId: string;
let member: string;
let viewer: string;
const traceId = randomUUID();
const observationId = randomUUID();
const body = (over: Record<string, unknown>) =>
  ZCreateAnnotationScoreBody.parse({ traceId, name: "quality", dataType: "NUMERIC", value: 1, ...over });

beforeAll(async () => {
  const { project, organization } = await createProjectWithKeys();
  projectId = project.id;
  otherProjectId = (await createProjectWithKeys()).project.id;
  const m = await createTestUser({ passwordHash: null, email: `member-${randomUUID()}@example.com` });
  const v = await createTestUser({ passwordHash: null, email: `viewer-${randomUUID()}@example.com` });
  await upsertOrganizationMembership(organization.id, m.id, "MEMBER");
  await upsertOrganizationMembership(organization.id, v.id, "VIEWER");
  member = m.id;
  viewer = v.id;
  await ingest(projectId, [
    ev("trace-create", { id: traceId, name: "shared-trace", input: "hello" }),
    ev("generation-create", { id: observationId, traceId, name: "answer", input: [{ role: "user", content: "hi" }] }),
  ]);
});

describe("annotation scores", () => {
  it("a member adds numeric, boolean and categorical scores, readable at once with source ANNOTATION and author", async () => {
    await addAnnotationScore({ userId: member, projectId }, body({ value: 0.75, comment: "  good  " }));
    await addAnnotationScore({ userId: member, projectId }, body({ name: "correct", dataType: "BOOLEAN", value: 1, observationId }));
    await addAnnotationScore({ userId: member, projectId }, body({ name: "tone", dataType: "CATEGORICAL", value: "friendly" }));
    const detail = await getTraceDetail(projectId, traceId);
    const byName = Object.fromEntries(detail.scores.map((s) => [s.name, s]));
    expect(byName.quality).toMatchObject({ value: 0.75, source: "ANNOTATION", comment: "good", authorUserId: member, observationId: null });
    expect(byName.quality?.authorName).toMatch(/^member-/);
    expect(byName.correct).toMatchObject({ value: 1, stringValue: "True", dataType: "BOOLEAN", observationId });
    expect(byName.tone).toMatchObject({ value: null, stringValue: "friendly", dataType: "CATEGORICAL" });
  });

  it("validates against the project's score config: range, categories, data type", async () => {
    const numeric = await insertScoreConfig(projectId, {
      name: "helpfulness",
      dataType: "NUMERIC",
      minValue: 0,
      maxValue: 5,
      categories: null,
      description: null,
    });
    const categorical = await insertScoreConfig(projectId, {
      name: "verdict",
      dataType: "CATEGORICAL",
      minValue: null,
      maxValue: null,
      categories: [
        { label: "good", value: 1 },
        { label: "bad", value: 0 },
      ],
      description: null,
    });
    const actor = { userId: member, projectId };
    await expect(addAnnotationScore(actor, body({ configId: numeric?.id, value: 7 }))).rejects.toMatchObject({ status: 400 });
    await expect(addAnnotationScore(actor, body({ configId: numeric?.id, value: -1 }))).rejects.toMatchObject({ status: 400 });
    await expect(addAnnotationScore(actor, body({ configId: numeric?.id, dataType: "BOOLEAN", value: 1 }))).rejects.toThrow(/NUMERIC/);
    await expect(addAnnotationScore(actor, body({ configId: categorical?.id, dataType: "CATEGORICAL", value: "meh" }))).rejects.toThrow(
      /good, bad/,
    );
    await addAnnotationScore(actor, body({ configId: numeric?.id, value: 4, name: "ignored" }));
    await addAnnotationScore(actor, body({ configId: categorical?.id, dataType: "CATEGORICAL", value: "bad" }));
    const scores = (await getTraceDetail(projectId, traceId)).scores;
    expect(scores.find((s) => s.name === "helpfulness")).toMatchObject({ value: 4 });
    expect(scores.find((s) => s.name === "verdict")).toMatchObject({ value: 0, stringValue: "bad" });
  });

  it("rejects a bad value shape in the contract (boolean 2, categorical number)", () => {
    expect(ZCreateAnnotationScoreBody.safeParse({ traceId, name: "x", dataType: "BOOLEAN", value: 2 }).success).toBe(false);
    expect(ZCreateAnnotationScoreBody.safeParse({ traceId, name: "x", dataType: "CATEGORICAL", value: 2 }).success).toBe(false);
    expect(ZCreateAnnotationScoreBody.safeParse({ traceId, name: "", dataType: "NUMERIC", value: 2 }).success).toBe(false);
  });

  it("a viewer gets 403; unknown traces, other projects' traces and foreign observations are 404", async () => {
    await expect(addAnnotationScore({ userId: viewer, projectId }, body({}))).rejects.toMatchObject({ status: 403 });
    await expect(addAnnotationScore({ userId: member, projectId }, body({ traceId: randomUUID() }))).rejects.toMatchObject({ status: 404 });
    await expect(addAnnotationScore({ userId: member, projectId: otherProjectId }, body({}))).rejects.toMatchObject({ status: 404 });
    await expect(addAnnotationScore({ userId: member, projectId }, body({ observationId: randomUUID() }))).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe("public sharing", () => {
  it("a private trace is 404 on the shared route; a member makes it public; a viewer cannot", async () => {
    await expect(getSharedTraceDetail(projectId, traceId)).rejects.toMatchObject({ status: 404 });
    await expect(setTracePublic({ userId: viewer, projectId }, traceId, true)).rejects.toMatchObject({ status: 403 });
    await expect(setTracePublic({ userId: member, projectId }, randomUUID(), true)).rejects.toMatchObject({ status: 404 });
    expect(await setTracePublic({ userId: member, projectId }, traceId, true)).toEqual({ id: traceId, public: true, hideIdentity: false });

    const shared = await getSharedTraceDetail(projectId, traceId);
    expect(shared).toMatchObject({ id: traceId, name: "shared-trace", public: true });
    expect(shared.observations.map((o) => o.id)).toEqual([observationId]);
    expect(shared.scores.every((s) => s.authorUserId === null && s.authorName === null)).toBe(true);
    expect((await getSharedObservationPayload(projectId, traceId, observationId)).input).toEqual([{ role: "user", content: "hi" }]);
  });

  it("the shared route answers 404 for another project's id, a foreign observation, and after unsharing", async () => {
    await expect(getSharedTraceDetail(otherProjectId, traceId)).rejects.toMatchObject({ status: 404 });
    await expect(getSharedObservationPayload(otherProjectId, traceId, observationId)).rejects.toMatchObject({ status: 404 });
    await expect(getSharedObservationPayload(projectId, traceId, randomUUID())).rejects.toMatchObject({ status: 404 });
    await setTracePublic({ userId: member, projectId }, traceId, false);
    await expect(getSharedTraceDetail(projectId, traceId)).rejects.toMatchObject({ status: 404 });
    await expect(getSharedObservationPayload(projectId, traceId, observationId)).rejects.toMatchObject({ status: 404 });
  });
});
