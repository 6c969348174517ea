import { randomUUID } from "node:crypto";
import { ZCreatePromptBody, ZGetPromptQuery, ZListPromptsQuery } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { afterAll, describe, expect, it } from "vitest";
import { acceptIngestionBatch } from "../ingestion/accept-batch.ts";
import { processIngestionBatch } from "../ingestion/process-batch.ts";
import { getPublicObservation } from "../public-api/get-observation.ts";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import type { PromptActor } from "./actor.ts";
import { getPrompt } from "./get-prompt.ts";
import { listPrompts } from "./list-prompts.ts";
import { closePromptCache } from "./prompt-cache.ts";
import { createPromptVersion, deletePrompt, updatePromptLabels } from "./write-prompts.ts";
import { decideLabelMove, requestLabelMove, updateProtectedLabels } from "./label-requests.ts";
import { getPromptDetail, listPromptsPage } from "./prompt-pages.ts";
import { createTestUser } from "@loupe/db/testing";

afterAll(async () => {
  closePromptCache();
  await closeQueues();
});

const api: PromptActor = { kind: "apiKey" };
const create = (projectId: string, body: Record<string, unknown>, actor: PromptActor = api) =>
  createPromptVersion(projectId, actor, ZCreatePromptBody.parse(body), TEST_AUDIT);
const get = (projectId: string, name: string, query: Record<string, string> = {}) =>
  getPrompt(projectId, name, ZGetPromptQuery.parse(query));
const labelsOf = async (projectId: string, name: string) =>
  Object.fromEntries(
    (await prisma.prompt.findMany({ where: { projectId, name }, include: { labels: true }, orderBy: { version: "asc" } })).map((p) => [
      p.version,
      p.labels.map((l) => l.label).sort(),
    ]),
  );

describe("prompt versions and labels", () => {
  it("numbers versions, keeps each label on one version, moves latest and shares tags", async () => {
    const { project } = await createProjectWithKeys();
    const v1 = await create(project.id, { name: "support/triage", prompt: "Hi {{name}}", labels: ["production"], tags: ["support"] });
    expect(v1).toMatchObject({
      name: "support/triage",
      version: 1,
      type: "text",
      labels: ["latest", "production"],
      tags: ["support"],
      config: {},
      createdBy: "API",
      commitMessage: null,
      resolutionGraph: null,
    });
    const v2 = await create(project.id, {
      name: "support/triage",
      prompt: "Hello {{name}}",
      config: { model: "gpt-4o" },
      commitMessage: "friendlier",
    });
    expect(v2).toMatchObject({
      version: 2,
      labels: ["latest"],
      tags: ["support"],
      config: { model: "gpt-4o" },
      commitMessage: "friendlier",
    });
    await create(project.id, { name: "support/triage", prompt: "Yo {{name}}", labels: ["production", "staging"], tags: ["support", "v3"] });
    expect(await labelsOf(project.id, "support/triage")).toEqual({ 1: [], 2: [], 3: ["latest", "production", "staging"] });
    expect((await get(project.id, "support/triage", { version: "1" })).tags).toEqual(["support", "v3"]);

    // Rollback: production back onto v1; the other labels stay where they are.
    const rolled = await updatePromptLabels(project.id, api, "support/triage", 1, ["production"], TEST_AUDIT);
    expect(rolled.labels).toEqual(["production"]);
    expect(await labelsOf(project.id, "support/triage")).toEqual({ 1: ["production"], 2: [], 3: ["latest", "staging"] });
    expect((await get(project.id, "support/triage")).version).toBe(1);
    expect((await get(project.id, "support/triage", { label: "latest" })).version).toBe(3);

    await expect(updatePromptLabels(project.id, api, "support/triage", 1, ["latest"], TEST_AUDIT)).rejects.toMatchObject({
      status: 400,
      message: "Label 'latest' is always assigned to the latest prompt version",
    });
    await expect(updatePromptLabels(project.id, api, "support/triage", 9, ["x"], TEST_AUDIT)).rejects.toMatchObject({
      status: 404,
      message: "Prompt not found: 'support/triage' with version 9",
    });
  });

  it("answers Langfuse's 404 for a missing label or version, and hides other projects' prompts", async () => {
    const { project } = await createProjectWithKeys();
    await create(project.id, { name: "only-latest", prompt: "x" });
    await expect(get(project.id, "only-latest")).rejects.toMatchObject({
      status: 404,
      code: "NotFound",
      message: "Prompt not found: 'only-latest' with label 'production'",
    });
    const other = await createProjectWithKeys();
    await expect(get(other.project.id, "only-latest", { label: "latest" })).rejects.toMatchObject({ status: 404 });
    await expect(deletePrompt(other.project.id, api, "only-latest", {}, TEST_AUDIT)).rejects.toMatchObject({ status: 404 });
  });

  it("keeps a name's type and refuses a chat variable named like a placeholder", async () => {
    const { project } = await createProjectWithKeys();
    await create(project.id, {
      name: "c",
      type: "chat",
      prompt: [
        { role: "system", content: "Be {{tone}}" },
        { type: "placeholder", name: "history" },
      ],
    });
    await expect(create(project.id, { name: "c", prompt: "text now" })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("is a chat prompt"),
    });
    await expect(
      create(project.id, {
        name: "d",
        type: "chat",
        prompt: [
          { role: "user", content: "{{h}}" },
          { type: "placeholder", name: "h" },
        ],
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await prisma.prompt.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("gives parallel creates distinct consecutive versions", async () => {
    const { project } = await createProjectWithKeys();
    const made = await Promise.all(Array.from({ length: 6 }, (_, i) => create(project.id, { name: "busy", prompt: `v${i}` })));
    expect(made.map((p) => p.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await labelsOf(project.id, "busy")).toMatchObject({ 6: ["latest"] });
  });
});

describe("prompt composition", () => {
  it("resolves references on fetch, and resolve=false returns the stored text", async () => {
    const { project } = await createProjectWithKeys();
    const base = await create(project.id, { name: "shared/persona", prompt: "You are {{persona}}.", labels: ["production"] });
    const top = await create(project.id, {
      name: "agent",
      type: "chat",
      labels: ["production"],
      prompt: [{ role: "system", content: "@@@langfusePrompt:name=shared/persona|label=production@@@ Answer briefly." }],
    });
    expect(top.prompt).toEqual([{ role: "system", content: "@@@langfusePrompt:name=shared/persona|label=production@@@ Answer briefly." }]);
    const fetched = await get(project.id, "agent");
    expect(fetched.prompt).toEqual([{ role: "system", content: "You are {{persona}}. Answer briefly." }]);
    expect(fetched.resolutionGraph).toEqual({
      root: { id: top.id, name: "agent", version: 1 },
      dependencies: { [top.id]: [{ id: base.id, name: "shared/persona", version: 1 }] },
    });
    expect((await get(project.id, "agent", { resolve: "false" })).prompt).toEqual(top.prompt);
  });

  it("refuses a missing reference, a cycle and a malformed tag, writing nothing", async () => {
    const { project } = await createProjectWithKeys();
    await expect(create(project.id, { name: "a", prompt: "@@@langfusePrompt:name=ghost|label=production@@@" })).rejects.toMatchObject({
      status: 400,
      message: "'a' references 'ghost' with label 'production', which does not exist",
    });
    await expect(create(project.id, { name: "a", prompt: "@@@langfusePrompt:name=a|version=1@@@" })).rejects.toMatchObject({ status: 400 });
    await expect(create(project.id, { name: "a", prompt: "@@@langfusePrompt:label=x@@@" })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("is not a prompt reference"),
    });
    await create(project.id, { name: "b", prompt: "plain b", labels: ["production"] });
    await create(project.id, { name: "a", prompt: "A includes @@@langfusePrompt:name=b|label=production@@@", labels: ["production"] });
    // b v2 would include a, which includes b: a cycle, refused whichever label it would get (as Langfuse does).
    await expect(
      create(project.id, { name: "b", prompt: "B includes @@@langfusePrompt:name=a|label=production@@@" }),
    ).rejects.toMatchObject({ status: 400, message: "'a' references 'b' with label 'production': a prompt cannot include itself" });
    await expect(
      create(project.id, { name: "b", prompt: "@@@langfusePrompt:name=a|version=1@@@", labels: ["production"] }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await prisma.prompt.count({ where: { projectId: project.id, name: "b" } })).toBe(1);
    expect(await labelsOf(project.id, "b")).toEqual({ 1: ["latest", "production"] });
  });

  it("serves fetches from the cache and drops it on every write, including a write to an included prompt", async () => {
    const { project } = await createProjectWithKeys();
    await create(project.id, { name: "inc", prompt: "old inner", labels: ["production"] });
    await create(project.id, { name: "outer", prompt: "[@@@langfusePrompt:name=inc|label=production@@@]", labels: ["production"] });
    expect((await get(project.id, "outer")).prompt).toBe("[old inner]");
    // A change behind the service's back is not seen: the answer comes from the cache …
    await prisma.prompt.updateMany({ where: { projectId: project.id, name: "inc" }, data: { prompt: "edited in the db" } });
    expect((await get(project.id, "outer")).prompt).toBe("[old inner]");
    // … and a release of the included prompt is seen on the next fetch of the including one.
    await create(project.id, { name: "inc", prompt: "new inner", labels: ["production"] });
    expect((await get(project.id, "outer")).prompt).toBe("[new inner]");
    await updatePromptLabels(project.id, api, "inc", 1, ["production"], TEST_AUDIT);
    expect((await get(project.id, "outer")).prompt).toBe("[edited in the db]");
  });
});

describe("protected labels", () => {
  it("lets a MEMBER create versions but not move a protected label; ADMIN and API keys may", async () => {
    const { project } = await createProjectWithKeys();
    const member: PromptActor = { kind: "user", userId: "u-member", role: "MEMBER" };
    const admin: PromptActor = { kind: "user", userId: "u-admin", role: "ADMIN" };
    const v1 = await create(project.id, { name: "p", prompt: "one", labels: ["staging"] }, member);
    expect(v1.createdBy).toBe("u-member");
    await expect(create(project.id, { name: "p", prompt: "two", labels: ["production"] }, member)).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("'production' is a protected label"),
    });
    await expect(updatePromptLabels(project.id, member, "p", 1, ["production"], TEST_AUDIT)).rejects.toMatchObject({ status: 403 });
    expect(await prisma.prompt.count({ where: { projectId: project.id } })).toBe(1);
    await updatePromptLabels(project.id, admin, "p", 1, ["production"], TEST_AUDIT);
    await expect(deletePrompt(project.id, member, "p", { version: 1 }, TEST_AUDIT)).rejects.toMatchObject({ status: 403 });
    await prisma.project.update({ where: { id: project.id }, data: { protectedPromptLabels: ["production", "staging"] } });
    await expect(updatePromptLabels(project.id, member, "p", 1, ["staging"], TEST_AUDIT)).rejects.toMatchObject({ status: 403 });
    await updatePromptLabels(project.id, api, "p", 1, ["staging"], TEST_AUDIT);
    // Direct moves are audited (each label's previous and new version; `latest` is not a move); the
    // refused ones, and a re-put label that moved nothing, left no row.
    await updatePromptLabels(project.id, api, "p", 1, ["staging"], TEST_AUDIT);
    const audited = await prisma.auditLog.findMany({ where: { projectId: project.id }, orderBy: { seq: "asc" } });
    expect(audited.map((r) => [r.action, r.resourceId, r.before, r.after])).toEqual([
      ["prompt.labelsMoved", "p", { staging: null }, { staging: 1 }],
      ["prompt.labelsMoved", "p", { production: null }, { production: 1 }],
    ]);
  });
});

describe("delete", () => {
  it("deletes a version, a labelled version or the whole prompt; latest moves back; an included version is kept", async () => {
    const { project } = await createProjectWithKeys();
    for (const text of ["1", "2", "3"]) await create(project.id, { name: "del", prompt: text });
    await updatePromptLabels(project.id, api, "del", 1, ["production"], TEST_AUDIT);
    await deletePrompt(project.id, api, "del", { version: 3 }, TEST_AUDIT);
    expect(await labelsOf(project.id, "del")).toEqual({ 1: ["production"], 2: ["latest"] });
    await create(project.id, { name: "user", prompt: "@@@langfusePrompt:name=del|label=production@@@" });
    await expect(deletePrompt(project.id, api, "del", { label: "production" }, TEST_AUDIT)).rejects.toMatchObject({
      status: 400,
      message: "'user' version 1 includes 'del'; remove that reference before deleting",
    });
    await expect(deletePrompt(project.id, api, "del", {}, TEST_AUDIT)).rejects.toMatchObject({ status: 400 });
    const gone = await deletePrompt(project.id, api, "del", { label: "latest" }, TEST_AUDIT);
    expect(gone.status).toBe(204);
    expect(await labelsOf(project.id, "del")).toEqual({ 1: ["latest", "production"] });
    await deletePrompt(project.id, api, "user", {}, TEST_AUDIT);
    await deletePrompt(project.id, api, "del", {}, TEST_AUDIT);
    expect(await prisma.prompt.count({ where: { projectId: project.id } })).toBe(0);
    // Each delete that happened is audited with what went; the refused ones (400) left no row.
    const deleted = await prisma.auditLog.findMany({ where: { projectId: project.id, action: "prompt.deleted" }, orderBy: { seq: "asc" } });
    expect(deleted.map((r) => [r.resourceId, r.before])).toEqual([
      ["del", { versions: [{ version: 3, labels: ["latest"] }] }],
      ["del", { versions: [{ version: 2, labels: ["latest"] }] }],
      ["user", { versions: [{ version: 1, labels: ["latest"] }] }],
      ["del", { versions: [{ version: 1, labels: ["latest", "production"] }] }],
    ]);
    await expect(get(project.id, "del", { label: "latest" })).rejects.toMatchObject({ status: 404 });
  });
});

describe("list", () => {
  it("lists one entry per name with versions, labels, tags and totals, filtered", async () => {
    const { project } = await createProjectWithKeys();
    await create(project.id, { name: "x/one", prompt: "a", tags: ["t1"], config: { temperature: 0 } });
    await create(project.id, { name: "x/one", prompt: "b", labels: ["production"], config: { temperature: 1 } });
    await create(project.id, { name: "two", type: "chat", prompt: [{ role: "user", content: "hi" }], tags: ["t2"] });
    const all = await listPrompts(project.id, ZListPromptsQuery.parse({}));
    expect(all.meta).toEqual({ page: 1, limit: 10, totalItems: 2, totalPages: 1 });
    expect(all.data.find((p) => p.name === "x/one")).toMatchObject({
      type: "text",
      versions: [1, 2],
      labels: ["latest", "production"],
      tags: ["t1"],
      lastConfig: { temperature: 1 },
    });
    expect((await listPrompts(project.id, ZListPromptsQuery.parse({ tag: "t2" }))).data.map((p) => p.name)).toEqual(["two"]);
    const prod = await listPrompts(project.id, ZListPromptsQuery.parse({ label: "production" }));
    expect(prod.data).toEqual([expect.objectContaining({ name: "x/one", versions: [2], labels: ["latest", "production"] })]);
    const page2 = await listPrompts(project.id, ZListPromptsQuery.parse({ limit: "1", page: "2" }));
    expect(page2.meta).toEqual({ page: 2, limit: 1, totalItems: 2, totalPages: 2 });
    expect(page2.data).toHaveLength(1);
    expect(
      (await listPrompts(project.id, ZListPromptsQuery.parse({ fromUpdatedAt: new Date(Date.now() + 60_000).toISOString() }))).data,
    ).toEqual([]);
  });
});

describe("generations link to the prompt version they used", () => {
  it("returns promptId on the public observation API, also for a prompt created after the generation", async () => {
    const { project } = await createProjectWithKeys();
    const v1 = await create(project.id, { name: "linked", prompt: "a" });
    const traceId = randomUUID();
    const gen = (id: string, promptName: string, promptVersion: number) => ({
      id: randomUUID(),
      type: "generation-create",
      timestamp: new Date().toISOString(),
      body: { id, traceId, name: "llm", startTime: new Date().toISOString(), promptName, promptVersion },
    });
    const [used, later, unknown] = [randomUUID(), randomUUID(), randomUUID()];
    await acceptIngestionBatch(
      { projectId: project.id, scope: "project" },
      { batch: [gen(used, "linked", 1), gen(later, "linked", 2), gen(unknown, "nope", 1)] },
    );
    for (const b of await prisma.ingestionBatch.findMany({ where: { projectId: project.id, processedAt: null } }))
      await processIngestionBatch(b.id);
    expect((await getPublicObservation(project.id, used)).promptId).toBe(v1.id);
    expect((await getPublicObservation(project.id, later)).promptId).toBeNull();
    expect((await getPublicObservation(project.id, unknown)).promptId).toBeNull();
    const v2 = await create(project.id, { name: "linked", prompt: "b" });
    expect(await getPublicObservation(project.id, later)).toMatchObject({ promptId: v2.id, promptName: "linked", promptVersion: 2 });
  });
});

describe("releases with approval", () => {
  it("a MEMBER requests a protected move, an ADMIN approves it (the SDK fetch sees it) or rejects; history stays", async () => {
    const { project } = await createProjectWithKeys();
    const [memberUser, adminUser] = await Promise.all([createTestUser({ passwordHash: null }), createTestUser({ passwordHash: null })]);
    const member: PromptActor = { kind: "user", userId: memberUser.id, role: "MEMBER" };
    const admin: PromptActor = { kind: "user", userId: adminUser.id, role: "ADMIN" };
    const viewer: PromptActor = { kind: "user", userId: memberUser.id, role: "VIEWER" };
    await create(project.id, { name: "rel", prompt: "one", labels: ["production"] }, admin);
    await create(project.id, { name: "rel", prompt: "two" }, member);
    expect((await get(project.id, "rel")).prompt).toBe("one");

    await expect(requestLabelMove(project.id, viewer, "rel", { label: "production", version: 2 })).rejects.toMatchObject({ status: 403 });
    await expect(requestLabelMove(project.id, member, "rel", { label: "staging", version: 2 })).rejects.toMatchObject({
      status: 400,
      message: "'staging' is not a protected label; move it directly",
    });
    await expect(requestLabelMove(project.id, member, "rel", { label: "production", version: 7 })).rejects.toMatchObject({ status: 404 });
    const asked = await requestLabelMove(project.id, member, "rel", { label: "production", version: 2, comment: "ready" });
    expect(asked).toMatchObject({ status: "PENDING", requestedBy: memberUser.email, label: "production", version: 2, comment: "ready" });
    expect((await requestLabelMove(project.id, member, "rel", { label: "production", version: 2 })).id).toBe(asked.id);

    await expect(decideLabelMove(project.id, member, asked.id, "approve", TEST_AUDIT)).rejects.toMatchObject({ status: 403 });
    const other = await createProjectWithKeys();
    await expect(decideLabelMove(other.project.id, admin, asked.id, "approve", TEST_AUDIT)).rejects.toMatchObject({ status: 404 });
    const approved = await decideLabelMove(project.id, admin, asked.id, "approve", TEST_AUDIT);
    expect(approved).toMatchObject({ status: "APPROVED", decidedBy: adminUser.email });
    expect((await get(project.id, "rel")).prompt).toBe("two");
    await expect(decideLabelMove(project.id, admin, asked.id, "reject", TEST_AUDIT)).rejects.toMatchObject({ status: 409 });

    const rollback = await requestLabelMove(project.id, member, "rel", { label: "production", version: 1 });
    expect((await decideLabelMove(project.id, admin, rollback.id, "reject", TEST_AUDIT)).status).toBe("REJECTED");
    expect((await get(project.id, "rel")).version).toBe(2);

    const detail = await getPromptDetail(project.id, "rel");
    expect(detail.requests.map((r) => [r.version, r.status])).toEqual([
      [1, "REJECTED"],
      [2, "APPROVED"],
    ]);
    expect(detail.versions.map((v) => [v.version, v.createdBy, v.labels])).toEqual([
      [2, memberUser.email, ["latest", "production"]],
      [1, adminUser.email, []],
    ]);
    expect(detail.protectedLabels).toEqual(["production"]);

    await expect(updateProtectedLabels(project.id, member, [], TEST_AUDIT)).rejects.toMatchObject({ status: 403 });
    await updateProtectedLabels(project.id, admin, ["production", "staging"], TEST_AUDIT);
    const audited = await prisma.auditLog.findMany({ where: { projectId: project.id }, orderBy: { seq: "asc" } });
    expect(audited.map((r) => r.action)).toEqual([
      // The admin's first version carried 'production': a direct move.
      "prompt.labelsMoved",
      "prompt.labelRequestApproved",
      "prompt.labelRequestRejected",
      "prompt.protectedLabelsUpdated",
    ]);
    await expect(updatePromptLabels(project.id, member, "rel", 1, ["staging"], TEST_AUDIT)).rejects.toMatchObject({ status: 403 });
  });

  it("lists prompts for the UI with version counts and 7-day usage", async () => {
    const { project } = await createProjectWithKeys();
    await create(project.id, { name: "ui/a", prompt: "x" });
    await create(project.id, { name: "ui/a", prompt: "y" });
    await create(project.id, { name: "b", type: "chat", prompt: [{ role: "user", content: "x" }], tags: ["t"] });
    const page = await listPromptsPage(project.id, {});
    expect(page.data.map((p) => [p.name, p.versionCount, p.usage7d])).toEqual([
      ["b", 1, 0],
      ["ui/a", 2, 0],
    ]);
    expect((await listPromptsPage(project.id, { type: "chat" })).data.map((p) => p.name)).toEqual(["b"]);
    expect((await listPromptsPage(project.id, { search: "UI/" })).data.map((p) => p.name)).toEqual(["ui/a"]);
  });
});
