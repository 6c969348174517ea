import "@/testing/next-environment";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { clearApiKeyCache, createOrganizationKey, deleteProjectData, listProjectsForSettings, signUpWithPassword } from "@loupe/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callRoute, createSignedInTenant, type RouteHandler, seedTraces } from "@/testing/call-route";
import * as nextAuthRoute from "../../auth/[...nextauth]/route";
import * as ingestionRoute from "../ingestion/route";
import * as tracesRoute from "../traces/route";
import * as orgApiKeysRoute from "../organizations/apiKeys/route";
import * as orgMembershipsRoute from "../organizations/memberships/route";
import * as orgProjectsRoute from "../organizations/projects/route";
import * as projectKeyRoute from "./[projectId]/apiKeys/[apiKeyId]/route";
import * as projectKeysRoute from "./[projectId]/apiKeys/route";
import * as projectMembershipsRoute from "./[projectId]/memberships/route";
import * as projectRoute from "./[projectId]/route";
import * as projectsRoute from "./route";

// Langfuse's admin endpoints through their real route handlers, with organization keys against real Postgres.

const BASE = "http://loupe.test";
const nextAuth = nextAuthRoute as unknown as { GET: RouteHandler; POST: RouteHandler };
const SYSTEM = { actor: { type: "system" as const }, ip: null };
const basicOf = (publicKey: string, secretKey: string) => `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString("base64")}`;

async function call(
  handler: unknown,
  authorization: string,
  input: { path: string; method?: string; body?: unknown; params?: Record<string, string> },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await callRoute(handler as RouteHandler, {
    url: `${BASE}${input.path}`,
    method: input.method ?? "GET",
    headers: { authorization, "content-type": "application/json" },
    body: input.body === undefined ? undefined : typeof input.body === "string" ? input.body : JSON.stringify(input.body),
    params: input.params,
  });
  return { status: response.status, body: response.status === 204 ? {} : ((await response.json()) as Record<string, unknown>) };
}

let tenant: Awaited<ReturnType<typeof createSignedInTenant>>;
let orgKey = "";
let orgKeyId = "";

beforeAll(async () => {
  tenant = await createSignedInTenant(nextAuth, BASE);
  const key = await createOrganizationKey(tenant.organizationId, { note: "terraform" }, SYSTEM);
  orgKey = basicOf(key.publicKey, key.secretKey);
  orgKeyId = key.id;
}, 60_000);

afterAll(async () => {
  await closeQueues();
});

const createProject = (body: unknown, auth = orgKey) =>
  call(projectsRoute.POST, auth, { path: "/api/public/projects", method: "POST", body });

describe("POST /api/public/projects", () => {
  it("creates a project of the key's organization in Langfuse's shape, audited as the organization key", async () => {
    const created = await createProject({ name: "  Billing bot  ", metadata: { team: "billing" }, retention: 30 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: "Billing bot",
      organization: { id: tenant.organizationId, name: "Test org" },
      metadata: { team: "billing" },
      retentionDays: 30,
    });
    const row = await prisma.project.findUniqueOrThrow({ where: { id: created.body.id as string } });
    expect(row.organizationId).toBe(tenant.organizationId);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { projectId: row.id, action: "project.created" } });
    expect(audit.actorType).toBe("organizationKey");
    // retention 0 keeps data forever: no retentionDays in the answer
    const forever = await createProject({ name: "Forever", retention: 0 });
    expect(forever.status).toBe(201);
    expect(forever.body).not.toHaveProperty("retentionDays");
  });

  it("answers 400 with the reason for a bad name, retention or metadata, and 409 for a name taken in the organization", async () => {
    for (const [body, reason] of [
      [{ name: "ab", retention: 0 }, "between 3 and 60 characters"],
      [{ name: "x".repeat(61), retention: 0 }, "between 3 and 60 characters"],
      [{ retention: 0 }, "name"],
      [{ name: "Valid", retention: 2 }, "Must be 0 or at least 3 days"],
      [{ name: "Valid", retention: 1.5 }, "whole number"],
      [{ name: "Valid" }, "retention"],
      [{ name: "Valid", retention: 0, metadata: [1, 2] }, "Invalid metadata"],
    ] as const) {
      const answer = await createProject(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(answer.body), JSON.stringify(body)).toContain(reason);
    }
    expect((await createProject("not json")).status).toBe(400);
    expect((await createProject({ name: "Taken name", retention: 0 })).status).toBe(201);
    const again = await createProject({ name: "Taken name", retention: 0 });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe("A project with this name already exists in your organization");
  });
});

describe("the organization key's scope", () => {
  it("reads no project data: traces answer 403, and a project key gets 403 on the admin endpoints", async () => {
    const traces = await call(tracesRoute.GET, orgKey, { path: "/api/public/traces" });
    expect(traces.status).toBe(403);
    expect(traces.body.message).toContain("Project-scoped API key required");
    const listWithProjectKey = await call(orgProjectsRoute.GET, tenant.basic, { path: "/api/public/organizations/projects" });
    expect(listWithProjectKey.status).toBe(403);
    expect(listWithProjectKey.body.message).toBe("Invalid API key. Organization-scoped API key required for this operation.");
    // GET /api/public/projects stays the project key's own project
    const own = await call(projectsRoute.GET, tenant.basic, { path: "/api/public/projects" });
    expect(own.status).toBe(200);
    expect((own.body.data as { id: string }[]).map((p) => p.id)).toEqual([tenant.projectId]);
  });

  it("lists only its own organization's projects and keys, and answers 404 for another organization's project", async () => {
    const other = await createSignedInTenant(nextAuth, BASE);
    const listed = await call(orgProjectsRoute.GET, orgKey, { path: "/api/public/organizations/projects" });
    expect(listed.status).toBe(200);
    const projects = listed.body.projects as { id: string; name: string; createdAt: string; updatedAt: string }[];
    expect(projects.map((p) => p.id)).toContain(tenant.projectId);
    expect(projects.map((p) => p.id)).not.toContain(other.projectId);
    expect(projects.find((p) => p.id === tenant.projectId)).toEqual({
      id: tenant.projectId,
      name: "Test project",
      metadata: {},
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const keys = await call(orgApiKeysRoute.GET, orgKey, { path: "/api/public/organizations/apiKeys" });
    expect(keys.status).toBe(200);
    // lastUsedAt is written in the background (at most once a minute per key): not asserted here.
    expect((keys.body.apiKeys as Record<string, unknown>[]).map(({ lastUsedAt: _, ...k }) => k)).toEqual([
      {
        id: orgKeyId,
        createdAt: expect.any(String),
        expiresAt: null,
        note: "terraform",
        publicKey: expect.stringMatching(/^pk-lf-/),
        displaySecretKey: expect.stringMatching(/^sk-lf-\.\.\./),
      },
    ]);
    const params = { projectId: other.projectId };
    const path = `/api/public/projects/${other.projectId}`;
    expect((await call(projectRoute.PUT, orgKey, { path, method: "PUT", body: { name: "Stolen" }, params })).status).toBe(404);
    expect((await call(projectRoute.DELETE, orgKey, { path, method: "DELETE", params })).status).toBe(404);
    expect((await call(projectKeysRoute.GET, orgKey, { path: `${path}/apiKeys`, params })).status).toBe(404);
    expect((await call(projectKeysRoute.POST, orgKey, { path: `${path}/apiKeys`, method: "POST", body: {}, params })).status).toBe(404);
    const otherKey = await prisma.apiKey.findFirstOrThrow({ where: { projectId: other.projectId } });
    const deleteOther = await call(projectKeyRoute.DELETE, orgKey, {
      path: `${path}/apiKeys/${otherKey.id}`,
      method: "DELETE",
      params: { projectId: other.projectId, apiKeyId: otherKey.id },
    });
    expect(deleteOther.status).toBe(404);
    expect((await prisma.project.findUniqueOrThrow({ where: { id: other.projectId } })).name).toBe("Test project");
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: otherKey.id } })).revokedAt).toBeNull();
  });

  it("refuses a revoked or expired organization key with 401", async () => {
    const key = await createOrganizationKey(tenant.organizationId, {}, SYSTEM);
    const auth = basicOf(key.publicKey, key.secretKey);
    expect((await call(orgProjectsRoute.GET, auth, { path: "/api/public/organizations/projects" })).status).toBe(200);
    await prisma.organizationApiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    clearApiKeyCache();
    const expired = await call(orgProjectsRoute.GET, auth, { path: "/api/public/organizations/projects" });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/^API key expired at .*Settings → Organization/);
    const wrongSecret = basicOf(key.publicKey, "sk-lf-wrong");
    expect((await call(orgProjectsRoute.GET, wrongSecret, { path: "/api/public/organizations/projects" })).status).toBe(401);
  });
});

describe("PUT /api/public/projects/{id}", () => {
  it("renames and changes metadata and retention; an omitted retention is kept; bad input is 400", async () => {
    const created = await createProject({ name: "Old name", retention: 14 });
    const id = created.body.id as string;
    const put = (body: unknown) =>
      call(projectRoute.PUT, orgKey, { path: `/api/public/projects/${id}`, method: "PUT", body, params: { projectId: id } });
    const renamed = await put({ name: "New name", metadata: { env: "prod" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({
      id,
      name: "New name",
      organization: { id: tenant.organizationId, name: "Test org" },
      metadata: { env: "prod" },
      retentionDays: 14,
    });
    const cleared = await put({ name: "New name", retention: null });
    expect(cleared.body).not.toHaveProperty("retentionDays");
    expect(cleared.body.metadata).toEqual({ env: "prod" });
    expect((await put({ metadata: {} })).status).toBe(400);
    expect((await put({ name: "New name", retention: -5 })).status).toBe(400);
    expect((await put({ name: "Test project" })).status).toBe(409);
    const audit = await prisma.auditLog.findMany({ where: { projectId: id, action: "project.updated" }, orderBy: { seq: "asc" } });
    expect(audit[0]?.before).toMatchObject({ name: "Old name", retentionDays: 14 });
    expect(audit[0]?.after).toMatchObject({ name: "New name", metadata: { env: "prod" } });
  });
});

describe("/api/public/projects/{id}/apiKeys", () => {
  it("creates a key (secret once), lists it, and deleting it makes it refused", async () => {
    const id = tenant.projectId;
    const params = { projectId: id };
    const path = `/api/public/projects/${id}/apiKeys`;
    const created = await call(projectKeysRoute.POST, orgKey, { path, method: "POST", body: { note: "ci" }, params });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      createdAt: expect.any(String),
      publicKey: expect.stringMatching(/^pk-lf-/),
      secretKey: expect.stringMatching(/^sk-lf-/),
      displaySecretKey: expect.stringMatching(/^sk-lf-\.\.\./),
      note: "ci",
    });
    const stored = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.body.id as string } });
    expect(stored.hashedSecretKey).not.toContain(created.body.secretKey as string);
    const auth = basicOf(created.body.publicKey as string, created.body.secretKey as string);
    expect((await call(projectsRoute.GET, auth, { path: "/api/public/projects" })).status).toBe(200);

    const listed = await call(projectKeysRoute.GET, orgKey, { path, params });
    const keys = listed.body.apiKeys as { id: string; note: string | null; secretKey?: string }[];
    expect(keys.map((k) => k.id)).toContain(created.body.id);
    expect(keys.every((k) => k.secretKey === undefined)).toBe(true);

    const apiKeyId = created.body.id as string;
    const deleted = await call(projectKeyRoute.DELETE, orgKey, {
      path: `${path}/${apiKeyId}`,
      method: "DELETE",
      params: { ...params, apiKeyId },
    });
    expect(deleted).toEqual({ status: 200, body: { success: true } });
    expect((await call(projectsRoute.GET, auth, { path: "/api/public/projects" })).status).toBe(401);
    const after = await call(projectKeysRoute.GET, orgKey, { path, params });
    expect((after.body.apiKeys as { id: string }[]).map((k) => k.id)).not.toContain(apiKeyId);
    const again = await call(projectKeyRoute.DELETE, orgKey, {
      path: `${path}/${apiKeyId}`,
      method: "DELETE",
      params: { ...params, apiKeyId },
    });
    expect(again.status).toBe(404);
  });

  it("stores a predefined pair, refuses half a pair or a wrong prefix (400) and a taken public key (409)", async () => {
    const params = { projectId: tenant.projectId };
    const path = `/api/public/projects/${tenant.projectId}/apiKeys`;
    const post = (body: unknown) => call(projectKeysRoute.POST, orgKey, { path, method: "POST", body, params });
    const publicKey = `pk-lf-${crypto.randomUUID()}`;
    const secretKey = `sk-lf-${crypto.randomUUID()}`;
    const created = await post({ publicKey, secretKey });
    expect(created.status).toBe(201);
    expect(created.body.publicKey).toBe(publicKey);
    expect((await call(projectsRoute.GET, basicOf(publicKey, secretKey), { path: "/api/public/projects" })).status).toBe(200);
    expect((await post({ publicKey: `pk-lf-${crypto.randomUUID()}` })).status).toBe(400);
    const prefix = await post({ publicKey: "pk-xx-1234567890", secretKey: `sk-lf-${crypto.randomUUID()}` });
    expect(prefix.status).toBe(400);
    expect(JSON.stringify(prefix.body)).toContain("publicKey must start with 'pk-lf-'");
    const taken = await post({ publicKey, secretKey: `sk-lf-${crypto.randomUUID()}` });
    expect(taken.status).toBe(409);
  });
});

describe("DELETE /api/public/projects/{id}", () => {
  it("answers 202, hides the project and refuses its keys at once; the worker job deletes its data in batches and keeps the audit log", async () => {
    const doomed = await createSignedInTenant(nextAuth, BASE);
    const key = await createOrganizationKey(doomed.organizationId, {}, SYSTEM);
    const auth = basicOf(key.publicKey, key.secretKey);
    await seedTraces(ingestionRoute.POST as RouteHandler, BASE, doomed.basic, [
      { id: `t-${crypto.randomUUID()}`, observationId: crypto.randomUUID() },
      { id: `t-${crypto.randomUUID()}`, observationId: crypto.randomUUID() },
      { id: `t-${crypto.randomUUID()}` },
    ]);
    const params = { projectId: doomed.projectId };
    const deleted = await call(projectRoute.DELETE, auth, { path: `/api/public/projects/${doomed.projectId}`, method: "DELETE", params });
    expect(deleted).toEqual({
      status: 202,
      body: { success: true, message: "Project deletion has been initiated and is being processed asynchronously" },
    });
    expect((await call(tracesRoute.GET, doomed.basic, { path: "/api/public/traces" })).status).toBe(401);
    const listed = await call(orgProjectsRoute.GET, auth, { path: "/api/public/organizations/projects" });
    expect((listed.body.projects as { id: string }[]).map((p) => p.id)).not.toContain(doomed.projectId);
    const progress = await listProjectsForSettings(doomed.organizationId);
    expect(progress.deleting).toEqual([
      { id: doomed.projectId, name: "Test project", deletedAt: expect.any(String), tracesTotal: 3, tracesDone: 0 },
    ]);
    expect(
      (await call(projectRoute.DELETE, auth, { path: `/api/public/projects/${doomed.projectId}`, method: "DELETE", params })).status,
    ).toBe(404);

    const result = await deleteProjectData(doomed.projectId, { traces: 2, rows: 1 });
    expect(result).toMatchObject({ deletedTraces: 3, removed: true });
    expect(result.deletedRows).toBeGreaterThan(0);
    const where = { projectId: doomed.projectId };
    expect(await prisma.trace.count({ where })).toBe(0);
    expect(await prisma.observation.count({ where })).toBe(0);
    expect(await prisma.ingestionBatch.count({ where })).toBe(0);
    expect(await prisma.project.findUnique({ where: { id: doomed.projectId } })).toBeNull();
    expect(await prisma.auditLog.count({ where: { ...where, action: "project.deleted" } })).toBe(1);
    // A second run (a retried job) finds nothing to do; a live project is never touched by the job.
    expect(await deleteProjectData(doomed.projectId)).toEqual({ deletedTraces: 0, deletedRows: 0, removed: false });
    await deleteProjectData(tenant.projectId);
    expect(await prisma.project.findUnique({ where: { id: tenant.projectId } })).not.toBeNull();
  }, 60_000);
});

describe("/api/public/organizations/memberships and /api/public/projects/{id}/memberships", () => {
  const ORG_PATH = "/api/public/organizations/memberships";
  const newUser = async (name: string | null = "Ada Admin") =>
    signUpWithPassword({ email: `member-${crypto.randomUUID()}@example.com`, password: "correct-horse-battery", name: name ?? undefined });

  it("lists, adds and changes organization members under the members page's rules, audited as the organization key", async () => {
    const ada = await newUser();
    const listed = await call(orgMembershipsRoute.GET, orgKey, { path: ORG_PATH });
    expect(listed.status).toBe(200);
    expect(listed.body.memberships).toContainEqual({
      userId: tenant.userId,
      role: "OWNER",
      email: expect.any(String),
      name: expect.any(String),
    });

    const added = await call(orgMembershipsRoute.PUT, orgKey, { path: ORG_PATH, method: "PUT", body: { userId: ada.id, role: "VIEWER" } });
    expect(added).toEqual({ status: 200, body: { userId: ada.id, role: "VIEWER", email: ada.email, name: "Ada Admin" } });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { organizationId: tenant.organizationId, action: "member.added", resourceId: ada.id },
    });
    expect(audit).toMatchObject({ actorType: "organizationKey", after: { role: "VIEWER", email: ada.email } });

    const changed = await call(orgMembershipsRoute.PUT, orgKey, { path: ORG_PATH, method: "PUT", body: { userId: ada.id, role: "ADMIN" } });
    expect(changed.body.role).toBe("ADMIN");
    const membership = await prisma.organizationMembership.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId: tenant.organizationId, userId: ada.id } },
    });
    expect(membership.role).toBe("ADMIN");
    expect(await prisma.auditLog.count({ where: { action: "member.roleChanged", resourceId: ada.id } })).toBe(1);
  });

  it("answers 404 for an unknown user, 400 for a bad role or body, and 409 when the last OWNER would be demoted or removed", async () => {
    const unknown = await call(orgMembershipsRoute.PUT, orgKey, {
      path: ORG_PATH,
      method: "PUT",
      body: { userId: "no-such-user", role: "VIEWER" },
    });
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toContain("no-such-user");
    const badRole = await call(orgMembershipsRoute.PUT, orgKey, {
      path: ORG_PATH,
      method: "PUT",
      body: { userId: tenant.userId, role: "KING" },
    });
    expect(badRole.status).toBe(400);
    expect(JSON.stringify(badRole.body)).toContain("role: one of OWNER");
    expect((await call(orgMembershipsRoute.PUT, orgKey, { path: ORG_PATH, method: "PUT", body: "not json" })).status).toBe(400);
    expect((await call(orgMembershipsRoute.DELETE, orgKey, { path: ORG_PATH, method: "DELETE", body: {} })).status).toBe(400);

    const demote = await call(orgMembershipsRoute.PUT, orgKey, {
      path: ORG_PATH,
      method: "PUT",
      body: { userId: tenant.userId, role: "ADMIN" },
    });
    expect(demote.status).toBe(409);
    const remove = await call(orgMembershipsRoute.DELETE, orgKey, { path: ORG_PATH, method: "DELETE", body: { userId: tenant.userId } });
    expect(remove.status).toBe(409);
    const owner = await prisma.organizationMembership.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId: tenant.organizationId, userId: tenant.userId } },
    });
    expect(owner.role).toBe("OWNER");
  });

  it("removes a member (their project roles and sessions end), and removing a non-member succeeds as in Langfuse", async () => {
    const bo = await newUser(null);
    await call(orgMembershipsRoute.PUT, orgKey, { path: ORG_PATH, method: "PUT", body: { userId: bo.id, role: "MEMBER" } });
    const projectPath = `/api/public/projects/${tenant.projectId}/memberships`;
    const params = { projectId: tenant.projectId };
    const override = await call(projectMembershipsRoute.PUT, orgKey, {
      path: projectPath,
      method: "PUT",
      params,
      body: { userId: bo.id, role: "VIEWER" },
    });
    expect(override).toEqual({ status: 200, body: { userId: bo.id, role: "VIEWER", email: bo.email, name: "" } });
    const before = await prisma.user.findUniqueOrThrow({ where: { id: bo.id } });

    const removed = await call(orgMembershipsRoute.DELETE, orgKey, { path: ORG_PATH, method: "DELETE", body: { userId: bo.id } });
    expect(removed).toEqual({ status: 200, body: { message: "Membership deleted successfully", userId: bo.id } });
    expect(await prisma.organizationMembership.count({ where: { userId: bo.id } })).toBe(0);
    expect(await prisma.projectMembership.count({ where: { userId: bo.id } })).toBe(0);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: bo.id } })).sessionVersion).toBeGreaterThan(before.sessionVersion);
    const again = await call(orgMembershipsRoute.DELETE, orgKey, { path: ORG_PATH, method: "DELETE", body: { userId: bo.id } });
    expect(again).toEqual({ status: 200, body: { message: "The user is not a member of this organization", userId: bo.id } });
  });

  it("sets, lists and removes per-project roles of organization members only, within the key's organization", async () => {
    const cy = await newUser("Cy");
    const projectPath = `/api/public/projects/${tenant.projectId}/memberships`;
    const params = { projectId: tenant.projectId };
    const put = (body: unknown, auth = orgKey, p = params) =>
      call(projectMembershipsRoute.PUT, auth, { path: `/api/public/projects/${p.projectId}/memberships`, method: "PUT", params: p, body });

    const notMember = await put({ userId: cy.id, role: "MEMBER" });
    expect(notMember.status).toBe(404);
    expect(JSON.stringify(notMember.body)).toContain("only members of the project's organization");
    await call(orgMembershipsRoute.PUT, orgKey, { path: ORG_PATH, method: "PUT", body: { userId: cy.id, role: "NONE" } });
    expect((await put({ userId: cy.id, role: "NONE" })).status).toBe(400);
    expect((await put({ userId: cy.id, role: "ANNOTATOR" })).body).toMatchObject({ userId: cy.id, role: "ANNOTATOR" });

    const listed = await call(projectMembershipsRoute.GET, orgKey, { path: projectPath, params });
    expect(listed.body.memberships).toContainEqual({ userId: cy.id, role: "ANNOTATOR", email: cy.email, name: "Cy" });
    // The owner has no role of their own in the project (only the organization's): not a project membership.
    expect((listed.body.memberships as { userId: string }[]).map((m) => m.userId)).not.toContain(tenant.userId);

    const other = await createSignedInTenant(nextAuth, BASE);
    const foreign = { projectId: other.projectId };
    expect((await put({ userId: cy.id, role: "VIEWER" }, orgKey, foreign)).status).toBe(404);
    expect(
      (await call(projectMembershipsRoute.GET, orgKey, { path: `/api/public/projects/${other.projectId}/memberships`, params: foreign }))
        .status,
    ).toBe(404);
    expect((await put({ userId: cy.id, role: "VIEWER" }, tenant.basic)).status).toBe(403);

    const del = (userId: string) =>
      call(projectMembershipsRoute.DELETE, orgKey, { path: projectPath, method: "DELETE", params, body: { userId } });
    expect(await del(cy.id)).toEqual({ status: 200, body: { message: "Project membership deleted successfully", userId: cy.id } });
    expect(await prisma.projectMembership.count({ where: { userId: cy.id } })).toBe(0);
    expect((await del(cy.id)).status).toBe(404);
    expect(await prisma.auditLog.count({ where: { action: "projectMember.removed", resourceId: cy.id } })).toBe(1);
  });
});
