import { randomUUID } from "node:crypto";
import { prisma, upsertOrganizationMembership } from "@loupe/db";
import { createTestUser } from "@loupe/db/testing";
import { closeQueues } from "@loupe/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptIngestionBatch } from "../ingestion/accept-batch.ts";
import { processIngestionBatch } from "../ingestion/process-batch.ts";
import { createProjectWithKeys } from "../testing.ts";
import { setTraceMarks } from "./trace-marks.ts";
import { getTraceDetail } from "./traces.ts";

afterAll(async () => {
  await closeQueues();
});

let projectId: string;
let otherProjectId: string;
let member: string;
let viewer: string;
const traceId = randomUUID();

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
  const batch = [
    { id: randomUUID(), type: "trace-create", timestamp: new Date().toISOString(), body: { id: traceId, name: "t", tags: ["sdk"] } },
  ];
  const result = await acceptIngestionBatch({ projectId, scope: "project" }, { batch });
  if (!result.ok) throw new Error("ingestion failed");
  for (const b of await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } })) await processIngestionBatch(b.id);
});

describe("trace marks (bookmark, tags)", () => {
  it("a member bookmarks and re-tags a trace; the trace page reads both", async () => {
    expect((await getTraceDetail(projectId, traceId)).bookmarked).toBe(false);
    expect(await setTraceMarks({ userId: member, projectId }, traceId, { bookmarked: true })).toEqual({
      id: traceId,
      bookmarked: true,
      tags: ["sdk"],
    });
    await setTraceMarks({ userId: member, projectId }, traceId, { tags: ["sdk", "needs-review", "sdk"] });
    expect(await getTraceDetail(projectId, traceId)).toMatchObject({ bookmarked: true, tags: ["sdk", "needs-review"] });
  });

  it("a viewer cannot, and another project's trace is not found", async () => {
    await expect(setTraceMarks({ userId: viewer, projectId }, traceId, { bookmarked: false })).rejects.toMatchObject({ status: 403 });
    // Not a member of the other project: refused before any read.
    await expect(setTraceMarks({ userId: member, projectId: otherProjectId }, traceId, { bookmarked: false })).rejects.toHaveProperty(
      "status",
    );
    await expect(setTraceMarks({ userId: member, projectId }, randomUUID(), { bookmarked: false })).rejects.toMatchObject({ status: 404 });
    expect((await getTraceDetail(projectId, traceId)).bookmarked).toBe(true);
  });
});
