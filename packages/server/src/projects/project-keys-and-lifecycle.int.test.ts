import { prisma } from "@loupe/db";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clearApiKeyCache, verifyAuthorizationHeader } from "../auth/api-keys.ts";
import { createOrganizationKey, listOrganizationKeys, revokeOrganizationKey } from "../organizations/organization-api-keys.ts";
import {
  createOrganizationForUser,
  mayCreateOrganizations,
  organizationChoicesFor,
  renameOrganizationAs,
} from "../organizations/organizations.ts";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import { signUpWithPassword } from "./accounts.ts";
import { withLangfuseInitAliases } from "./bootstrap.ts";
import { createProjectApiKey, listProjectApiKeys, updateProjectApiKey } from "./project-api-keys.ts";
import { deleteProjectConfirmed, moveProjectToOrganization, renameProject } from "./project-lifecycle.ts";

const basicOf = (k: { publicKey: string; secretKey: string }) => `Basic ${Buffer.from(`${k.publicKey}:${k.secretKey}`).toString("base64")}`;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("project API keys", () => {
  it("keep an expiry: accepted before it, refused with 401 and a message naming the instant after it (Basic and Bearer)", async () => {
    const { project } = await createProjectWithKeys();
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    const key = await createProjectApiKey(project.id, { note: "short-lived", expiresAt }, TEST_AUDIT);
    expect(key.expiresAt).toBe(expiresAt);
    expect(await verifyAuthorizationHeader(basicOf(key))).toMatchObject({ ok: true, projectId: project.id });
    await prisma.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    clearApiKeyCache();
    const refused = await verifyAuthorizationHeader(basicOf(key));
    expect(refused).toEqual({ ok: false, status: 401, message: expect.stringMatching(/^API key expired at \d{4}-.*Settings → API keys/) });
    expect(await verifyAuthorizationHeader(`Bearer ${key.publicKey}`)).toMatchObject({ ok: false, status: 401 });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { resourceId: key.id, action: "apiKey.created" } });
    expect(audit.after).toEqual({ publicKey: key.publicKey, displaySecretKey: key.displaySecretKey, note: "short-lived", expiresAt });
    expect(JSON.stringify(audit.after)).not.toContain(key.secretKey);
  });

  it("have an editable note, audited with before and after; another project's key is 404", async () => {
    const { project } = await createProjectWithKeys();
    const other = await createProjectWithKeys();
    const key = await createProjectApiKey(project.id, { note: "old" }, TEST_AUDIT);
    expect((await updateProjectApiKey(project.id, key.id, "  new note ", TEST_AUDIT)).note).toBe("  new note ");
    expect((await listProjectApiKeys(project.id)).find((k) => k.id === key.id)?.note).toBe("  new note ");
    expect((await updateProjectApiKey(project.id, key.id, null, TEST_AUDIT)).note).toBeNull();
    await expect(updateProjectApiKey(other.project.id, key.id, "stolen", TEST_AUDIT)).rejects.toMatchObject({ status: 404 });
    const audits = await prisma.auditLog.findMany({ where: { resourceId: key.id, action: "apiKey.updated" }, orderBy: { seq: "asc" } });
    expect(audits.map((a) => [a.before, a.after])).toEqual([
      [{ note: "old" }, { note: "  new note " }],
      [{ note: "  new note " }, { note: null }],
    ]);
  });

  it("write last used at most once a minute per key, not on every request", async () => {
    const { project } = await createProjectWithKeys();
    const key = await createProjectApiKey(project.id, {}, TEST_AUDIT);
    await verifyAuthorizationHeader(basicOf(key));
    await vi.waitFor(async () => expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).not.toBeNull());
    const first = (await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt;
    for (let i = 0; i < 5; i++) await verifyAuthorizationHeader(basicOf(key));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toEqual(first);
  });
});

describe("organization API keys", () => {
  it("are hashed, listed with revoked ones, refused once revoked, and audited", async () => {
    const { organization } = await createProjectWithKeys();
    const key = await createOrganizationKey(organization.id, { note: "terraform" }, TEST_AUDIT);
    const row = await prisma.organizationApiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.hashedSecretKey).not.toBe(key.secretKey);
    expect(row.hashedSecretKey).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyAuthorizationHeader(basicOf(key))).toMatchObject({
      ok: true,
      scope: "organization",
      organizationId: organization.id,
    });
    // Organization keys never authenticate with Bearer.
    expect(await verifyAuthorizationHeader(`Bearer ${key.publicKey}`)).toMatchObject({ ok: false, status: 401 });
    const someoneElse = await createProjectWithKeys();
    await expect(revokeOrganizationKey(someoneElse.organization.id, key.id, TEST_AUDIT)).rejects.toMatchObject({ status: 404 });
    await revokeOrganizationKey(organization.id, key.id, TEST_AUDIT);
    expect(await verifyAuthorizationHeader(basicOf(key))).toMatchObject({ ok: false, status: 401 });
    expect((await listOrganizationKeys(organization.id)).map((k) => [k.note, k.revokedAt !== null])).toEqual([["terraform", true]]);
    const actions = await prisma.auditLog.findMany({ where: { resourceId: key.id }, orderBy: { seq: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["organizationApiKey.created", "organizationApiKey.revoked"]);
  });
});

describe("organizations and projects from the UI", () => {
  it("LANGFUSE_ALLOWED_ORGANIZATION_CREATORS lets only the listed e-mails create organizations (case-insensitive); unset lets everyone", async () => {
    const user = await signUpWithPassword({ email: `creator-${crypto.randomUUID()}@example.com`, password: "correct-horse-battery" });
    expect(mayCreateOrganizations(user.email)).toBe(true);
    vi.stubEnv("LANGFUSE_ALLOWED_ORGANIZATION_CREATORS", ` boss@example.com , ${user.email.toUpperCase()} `);
    expect(mayCreateOrganizations(user.email)).toBe(true);
    expect(mayCreateOrganizations("someone@example.com")).toBe(false);
    const created = await createOrganizationForUser(user, { organizationName: "Allowed", projectName: "First" }, TEST_AUDIT);
    const actions = await prisma.auditLog.findMany({ where: { organizationId: created.organizationId }, orderBy: { seq: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["organization.created", "project.created"]);
    vi.stubEnv("LANGFUSE_ALLOWED_ORGANIZATION_CREATORS", "boss@example.com");
    const before = await prisma.organization.count();
    await expect(createOrganizationForUser(user, { organizationName: "Refused", projectName: "P" }, TEST_AUDIT)).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("LANGFUSE_ALLOWED_ORGANIZATION_CREATORS"),
    });
    expect(await prisma.organization.count()).toBe(before);
  });

  it("renames an organization and a project (audited), and deletes a project only when its name is typed", async () => {
    const { organization, project } = await createProjectWithKeys();
    expect(await renameOrganizationAs(organization.id, "Renamed org", TEST_AUDIT)).toEqual({ id: organization.id, name: "Renamed org" });
    expect(await renameProject(project.id, "Renamed project", TEST_AUDIT)).toEqual({ id: project.id, name: "Renamed project" });
    await expect(deleteProjectConfirmed(project.id, "renamed project", TEST_AUDIT)).rejects.toMatchObject({
      status: 400,
      message: "Type the project's name, Renamed project, to confirm the deletion",
    });
    expect((await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).deletedAt).toBeNull();
    await deleteProjectConfirmed(project.id, "Renamed project", TEST_AUDIT);
    expect((await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).deletedAt).not.toBeNull();
    expect(await prisma.apiKey.count({ where: { projectId: project.id } })).toBe(0);
    const actions = await prisma.auditLog.findMany({ where: { organizationId: organization.id }, orderBy: { seq: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["organization.renamed", "project.updated", "project.deleted"]);
  });
});

describe("headless init", () => {
  it("accepts Langfuse's LANGFUSE_INIT_* names; LOUPE_INIT_* wins when both are set", () => {
    expect(
      withLangfuseInitAliases({
        LANGFUSE_INIT_ORG_NAME: "Acme",
        LANGFUSE_INIT_PROJECT_NAME: "Bot",
        LOUPE_INIT_PROJECT_NAME: "Loupe bot",
        LANGFUSE_INIT_PROJECT_PUBLIC_KEY: "pk-lf-12345678",
        LANGFUSE_INIT_PROJECT_SECRET_KEY: "sk-lf-12345678",
        LANGFUSE_INIT_USER_EMAIL: "a@example.com",
        LANGFUSE_INIT_USER_PASSWORD: "password123",
        LANGFUSE_INIT_ORG_ID: "ignored",
      }),
    ).toEqual({
      LOUPE_INIT_ORG_NAME: "Acme",
      LOUPE_INIT_PROJECT_NAME: "Loupe bot",
      LOUPE_INIT_PROJECT_PUBLIC_KEY: "pk-lf-12345678",
      LOUPE_INIT_PROJECT_SECRET_KEY: "sk-lf-12345678",
      LOUPE_INIT_USER_EMAIL: "a@example.com",
      LOUPE_INIT_USER_PASSWORD: "password123",
    });
  });
});

describe("moving a project to another organization", () => {
  const person = () => signUpWithPassword({ email: `mover-${crypto.randomUUID()}@example.com`, password: "correct-horse-battery" });

  it("takes its data and keys along, drops the old organization's per-project roles, and is logged in both organizations", async () => {
    const owner = await person();
    const colleague = await person();
    const from = await createOrganizationForUser(owner, { organizationName: "Source", projectName: "Support bot" }, TEST_AUDIT);
    const to = await createOrganizationForUser(owner, { organizationName: "Target", projectName: "Other" }, TEST_AUDIT);
    const key = await createProjectApiKey(from.projectId, {}, TEST_AUDIT);
    const membership = await prisma.organizationMembership.create({
      data: { organizationId: from.organizationId, userId: colleague.id, role: "NONE" },
    });
    await prisma.projectMembership.create({
      data: { projectId: from.projectId, userId: colleague.id, orgMembershipId: membership.id, role: "MEMBER" },
    });
    const invitation = await prisma.invitation.create({
      data: {
        email: "later@example.com",
        organizationId: from.organizationId,
        orgRole: "NONE",
        projectId: from.projectId,
        projectRole: "VIEWER",
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });

    const audit = { actor: { type: "user" as const, id: owner.id, email: owner.email }, ip: null };
    expect(await moveProjectToOrganization(from.organizationId, from.projectId, to.organizationId, { userId: owner.id, audit })).toEqual({
      id: from.projectId,
      organizationId: to.organizationId,
    });
    expect((await prisma.project.findUniqueOrThrow({ where: { id: from.projectId } })).organizationId).toBe(to.organizationId);
    expect(await prisma.projectMembership.count({ where: { projectId: from.projectId } })).toBe(0);
    expect(await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({
      projectId: null,
      projectRole: null,
    });
    clearApiKeyCache();
    expect(await verifyAuthorizationHeader(basicOf(key))).toMatchObject({ ok: true, projectId: from.projectId });
    const logged = await prisma.auditLog.findMany({
      where: { action: "project.moved", resourceId: from.projectId },
      orderBy: { seq: "asc" },
    });
    expect(logged.map((row) => [row.organizationId, row.projectId])).toEqual([
      [to.organizationId, from.projectId],
      [from.organizationId, null],
    ]);
    expect(logged[0]?.after).toEqual({ organizationId: to.organizationId, organizationName: "Target" });
  });

  it("refuses the same organization (400), one the caller does not manage (403) or belong to (404), and a name taken there (409)", async () => {
    const owner = await person();
    const stranger = await person();
    const from = await createOrganizationForUser(owner, { organizationName: "Home", projectName: "Shared name" }, TEST_AUDIT);
    const managed = await createOrganizationForUser(owner, { organizationName: "Taken", projectName: "Shared name" }, TEST_AUDIT);
    const foreign = await createOrganizationForUser(stranger, { organizationName: "Foreign", projectName: "Theirs" }, TEST_AUDIT);
    const viewerOf = await createOrganizationForUser(stranger, { organizationName: "Viewed", projectName: "Look" }, TEST_AUDIT);
    await prisma.organizationMembership.create({ data: { organizationId: viewerOf.organizationId, userId: owner.id, role: "VIEWER" } });
    const actor = { userId: owner.id, audit: TEST_AUDIT };
    const move = (to: string, projectId = from.projectId, fromOrg = from.organizationId) =>
      moveProjectToOrganization(fromOrg, projectId, to, actor);

    // The settings page offers exactly the organizations a move would accept, and "New organization" per the allowlist.
    vi.stubEnv("LANGFUSE_ALLOWED_ORGANIZATION_CREATORS", "boss@example.com");
    expect(await organizationChoicesFor(owner, from.organizationId)).toEqual({
      mayCreateOrganizations: false,
      moveTargets: [{ id: managed.organizationId, name: "Taken" }],
    });
    await expect(move(from.organizationId)).rejects.toMatchObject({ status: 400 });
    await expect(move(viewerOf.organizationId)).rejects.toMatchObject({ status: 403, message: expect.stringContaining("yours is VIEWER") });
    await expect(move(foreign.organizationId)).rejects.toMatchObject({ status: 404 });
    await expect(move(managed.organizationId)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("Shared name") });
    // Another organization's project, named through this organization: 404.
    await expect(move(managed.organizationId, foreign.projectId)).rejects.toMatchObject({ status: 404 });
    expect((await prisma.project.findUniqueOrThrow({ where: { id: from.projectId } })).organizationId).toBe(from.organizationId);
    expect(await prisma.auditLog.count({ where: { action: "project.moved", resourceId: from.projectId } })).toBe(0);
  });
});
