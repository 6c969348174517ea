import "@/testing/next-environment";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { createOrganizationForUser, createOrganizationKey, signUpWithPassword } from "@loupe/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callRoute, createSignedInTenant, type RouteHandler } from "@/testing/call-route";
import * as nextAuthRoute from "../../auth/[...nextauth]/route";
import * as resourceTypesRoute from "./ResourceTypes/route";
import * as schemasRoute from "./Schemas/route";
import * as serviceProviderConfigRoute from "./ServiceProviderConfig/route";
import * as userRoute from "./Users/[id]/route";
import * as usersRoute from "./Users/route";

// SCIM through the real route handlers against real Postgres, with the requests Okta and Entra ID send
// (bodies as in Okta's SCIM 2.0 reference and Microsoft's "Develop a SCIM endpoint" tutorial).

const BASE = "http://loupe.test";
const nextAuth = nextAuthRoute as unknown as { GET: RouteHandler; POST: RouteHandler };
const SYSTEM = { actor: { type: "system" as const }, ip: null };
const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
const basicOf = (publicKey: string, secretKey: string) => `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString("base64")}`;

type Answer = { status: number; contentType: string | null; location: string | null; body: Record<string, unknown> };

async function scim(
  handler: unknown,
  input: { path: string; method?: string; body?: unknown; id?: string; authorization?: string; contentType?: string },
): Promise<Answer> {
  const response = await callRoute(handler as RouteHandler, {
    url: `${BASE}/api/public/scim${input.path}`,
    method: input.method ?? "GET",
    // IdPs send SCIM's own media type.
    headers: { authorization: input.authorization ?? orgKey, "content-type": input.contentType ?? "application/scim+json" },
    body: input.body === undefined ? undefined : typeof input.body === "string" ? input.body : JSON.stringify(input.body),
    params: input.id === undefined ? {} : { id: input.id },
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    location: response.headers.get("location"),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

const lookup = (userName: string, authorization?: string) =>
  scim(usersRoute.GET, { path: `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`, authorization });
const create = (body: unknown, authorization?: string) => scim(usersRoute.POST, { path: "/Users", method: "POST", body, authorization });
const getUser = (id: string, authorization?: string) => scim(userRoute.GET, { path: `/Users/${id}`, id, authorization });
const patchUser = (id: string, Operations: unknown[], authorization?: string) =>
  scim(userRoute.PATCH, { path: `/Users/${id}`, method: "PATCH", id, body: { schemas: [PATCH_OP], Operations }, authorization });
const putUser = (id: string, body: unknown) => scim(userRoute.PUT, { path: `/Users/${id}`, method: "PUT", id, body });
const deleteUser = (id: string, authorization?: string) =>
  scim(userRoute.DELETE, { path: `/Users/${id}`, method: "DELETE", id, authorization });

const membership = (userId: string, organizationId = tenant.organizationId) =>
  prisma.organizationMembership.findUnique({ where: { organizationId_userId: { organizationId, userId } } });
const auditRows = (userId: string) =>
  prisma.auditLog.findMany({ where: { organizationId: tenant.organizationId, resourceId: userId }, orderBy: { seq: "asc" } });

/** An error in SCIM's shape (RFC 7644 3.12), as application/scim+json. */
function expectScimError(answer: Answer, status: number, scimType?: string, detail?: RegExp) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.contentType).toBe("application/scim+json");
  expect(answer.body.schemas).toEqual([ERROR_SCHEMA]);
  expect(answer.body.status).toBe(String(status));
  if (scimType) expect(answer.body.scimType).toBe(scimType);
  expect(answer.body.detail).toEqual(expect.any(String));
  if (detail) expect(answer.body.detail).toMatch(detail);
}

let tenant: Awaited<ReturnType<typeof createSignedInTenant>>;
let orgKey = "";
let orgPublicKey = "";
let orgSecretKey = "";

/** A second organization with its key and a member (another tenant). */
async function otherOrganization() {
  const user = await signUpWithPassword({ email: `other-${crypto.randomUUID()}@example.com`, password: "correct-horse-battery" });
  const { organizationId } = await createOrganizationForUser(user, { organizationName: "Other org", projectName: "Other" }, SYSTEM);
  const key = await createOrganizationKey(organizationId, {}, SYSTEM);
  return { organizationId, ownerId: user.id, key: basicOf(key.publicKey, key.secretKey) };
}

beforeAll(async () => {
  tenant = await createSignedInTenant(nextAuth, BASE);
  const key = await createOrganizationKey(tenant.organizationId, { note: "okta" }, SYSTEM);
  orgKey = basicOf(key.publicKey, key.secretKey);
  orgPublicKey = key.publicKey;
  orgSecretKey = key.secretKey;
}, 60_000);

afterAll(async () => {
  await closeQueues();
});

describe("discovery", () => {
  it("serves ServiceProviderConfig, ResourceTypes and Schemas to the organization key, as application/scim+json", async () => {
    const config = await scim(serviceProviderConfigRoute.GET, { path: "/ServiceProviderConfig" });
    expect(config.status).toBe(200);
    expect(config.contentType).toBe("application/scim+json");
    expect(config.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 100 },
      authenticationSchemes: [{ type: "httpbasic" }],
    });
    const types = await scim(resourceTypesRoute.GET, { path: "/ResourceTypes" });
    expect(types.body).toMatchObject({
      totalResults: 1,
      Resources: [{ id: "User", endpoint: "/api/public/scim/Users", schema: USER_SCHEMA }],
    });
    const schemas = await scim(schemasRoute.GET, { path: "/Schemas" });
    const attributes = (schemas.body.Resources as { attributes: { name: string }[] }[])[0]?.attributes.map((a) => a.name);
    expect(attributes).toEqual(["id", "userName", "name", "displayName", "emails", "active", "roles"]);
  });
});

describe("Okta", () => {
  it("provisions, re-syncs, deactivates and reactivates a user as Okta's SCIM 2.0 requests do", async () => {
    const email = `test.user.${crypto.randomUUID().slice(0, 8)}@okta.local`;
    // 1. Okta looks the user up before creating them.
    const none = await lookup(email);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
    // 2. Create, with the placeholder password Okta always sends.
    const created = await create({
      schemas: [USER_SCHEMA],
      userName: email,
      name: { givenName: "Test", familyName: "User" },
      emails: [{ primary: true, value: email, type: "work" }],
      displayName: "Test User",
      locale: "en-US",
      externalId: "00ujl29u0le5T6Aj10h7",
      groups: [],
      password: "1mz050nq",
      active: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.contentType).toBe("application/scim+json");
    const id = created.body.id as string;
    expect(created.location).toBe(`/api/public/scim/Users/${id}`);
    expect(created.body).toMatchObject({
      schemas: [USER_SCHEMA],
      userName: email,
      name: { formatted: "Test User" },
      emails: [{ value: email, primary: true, type: "work" }],
      active: true,
      meta: { resourceType: "User", location: `/api/public/scim/Users/${id}` },
    });
    const user = await prisma.user.findUniqueOrThrow({ where: { id } });
    expect(user.passwordHash).toBeNull(); // the password Okta sent is not a credential
    expect((await membership(id))?.role).toBe("NONE");
    const [provisioned] = await auditRows(id);
    expect(provisioned).toMatchObject({ action: "scim.userProvisioned", actorType: "organizationKey", actorId: orgPublicKey });

    // 3. The lookup now finds them; GET by id; a full PUT without roles changes nothing.
    expect((await lookup(email.toUpperCase())).body).toMatchObject({ totalResults: 1, Resources: [{ id, userName: email }] });
    expect((await getUser(id)).body).toMatchObject({ id, active: true });
    const put = await putUser(id, { ...created.body, name: { givenName: "Test", familyName: "User" }, active: true });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await membership(id))?.role).toBe("NONE");
    // Creating the same person again is SCIM's uniqueness conflict.
    expectScimError(await create({ schemas: [USER_SCHEMA], userName: email, active: true }), 409, "uniqueness");

    // 4. Deactivate: the membership goes, their sessions end, audited.
    const versionBefore = user.sessionVersion;
    const deactivated = await patchUser(id, [{ op: "replace", value: { active: false } }]);
    expect(deactivated.status, JSON.stringify(deactivated.body)).toBe(200);
    expect(deactivated.body).toMatchObject({ id, active: false });
    expect(await membership(id)).toBeNull();
    expect((await prisma.user.findUniqueOrThrow({ where: { id } })).sessionVersion).toBeGreaterThan(versionBefore);
    expect((await auditRows(id)).map((r) => r.action)).toEqual(["scim.userProvisioned", "scim.userDeprovisioned"]);
    // Still known to SCIM, as inactive; no longer in the list.
    expect((await getUser(id)).body).toMatchObject({ id, active: false });
    expect((await lookup(email)).body).toMatchObject({ totalResults: 0 });
    // Deactivating again changes nothing.
    expect((await patchUser(id, [{ op: "replace", value: { active: false } }])).status).toBe(200);
    expect(await auditRows(id)).toHaveLength(2);

    // 5. Reactivate.
    const reactivated = await patchUser(id, [{ op: "replace", value: { active: true } }]);
    expect(reactivated.body).toMatchObject({ id, active: true });
    expect((await membership(id))?.role).toBe("NONE");
  });

  it("adds an existing Loupe user without touching their password or name, and honours roles", async () => {
    const email = `existing-${crypto.randomUUID()}@example.com`;
    const existing = await signUpWithPassword({ email, password: "correct-horse-battery", name: "Own Name" });
    const created = await create({ schemas: [USER_SCHEMA], userName: email, displayName: "IdP Name", roles: ["ADMIN"], active: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: existing.id, name: { formatted: "Own Name" } });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: existing.id } });
    expect(row.passwordHash).not.toBeNull();
    expect((await membership(existing.id))?.role).toBe("ADMIN");
    // A PUT with roles changes the role (audited as a role change by the key); one without keeps it.
    expect(
      (await putUser(existing.id, { schemas: [USER_SCHEMA], userName: email, roles: [{ value: "VIEWER", primary: true }] })).status,
    ).toBe(200);
    expect((await membership(existing.id))?.role).toBe("VIEWER");
    expect((await putUser(existing.id, { schemas: [USER_SCHEMA], userName: email, active: true })).status).toBe(200);
    expect((await membership(existing.id))?.role).toBe("VIEWER");
    expect((await auditRows(existing.id)).map((r) => r.action)).toEqual(["scim.userProvisioned", "member.roleChanged"]);
  });
});

describe("Entra ID", () => {
  it("provisions, updates, disables with string booleans, re-enables and deletes as the Entra provisioning service does", async () => {
    const userName = `Test_User_${crypto.randomUUID()}@contoso.com`;
    expect((await lookup(userName)).body).toMatchObject({ totalResults: 0, Resources: [] });
    const created = await create({
      schemas: [USER_SCHEMA, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      externalId: crypto.randomUUID(),
      userName,
      active: true,
      emails: [{ primary: true, type: "work", value: `Test_User_${crypto.randomUUID()}@testuser.com` }],
      meta: { resourceType: "User" },
      name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
      roles: [],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ userName: userName.toLowerCase(), name: { formatted: "givenName familyName" } });
    expect((await membership(id))?.role).toBe("NONE");

    // Attribute updates: e-mails are not Loupe's to change (userName is), the name is renamed as a whole.
    const updated = await patchUser(id, [
      { op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@microsoft.com" },
      { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
      { op: "Add", path: "displayName", value: "Updated Display" },
      { op: "Add", path: "externalId", value: "ext-1" },
    ]);
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ name: { formatted: "Updated Display" }, userName: userName.toLowerCase() });
    expect((await prisma.user.findUniqueOrThrow({ where: { id } })).name).toBe("Updated Display");
    expect((await auditRows(id)).at(-1)).toMatchObject({ action: "scim.userUpdated", before: { name: "givenName familyName" } });

    // Disable (the older Entra form sends "False"), enable ("True"), disable with a JSON boolean.
    expect((await patchUser(id, [{ op: "Replace", path: "active", value: "False" }])).body).toMatchObject({ active: false });
    expect(await membership(id)).toBeNull();
    expect((await patchUser(id, [{ op: "Replace", path: "active", value: "True" }])).body).toMatchObject({ active: true });
    expect(await membership(id)).not.toBeNull();
    expect((await patchUser(id, [{ op: "Replace", path: "active", value: false }])).body).toMatchObject({ active: false });

    // DELETE forgets the user: 204, then 404 for every request by id.
    const deleted = await deleteUser(id);
    expect(deleted.status).toBe(204);
    expect(await membership(id)).toBeNull();
    expect((await auditRows(id)).at(-1)?.action).toBe("scim.userDeleted");
    expectScimError(await getUser(id), 404);
    expectScimError(await patchUser(id, [{ op: "Replace", path: "active", value: "True" }]), 404);
    expectScimError(await deleteUser(id), 404);
    expect(await membership(id)).toBeNull();
  });

  it("deletes an active member in one request, ending their sessions", async () => {
    const created = await create({ schemas: [USER_SCHEMA], userName: `del-${crypto.randomUUID()}@contoso.com`, active: true });
    const id = created.body.id as string;
    const before = (await prisma.user.findUniqueOrThrow({ where: { id } })).sessionVersion;
    expect((await deleteUser(id)).status).toBe(204);
    expect(await membership(id)).toBeNull();
    expect((await prisma.user.findUniqueOrThrow({ where: { id } })).sessionVersion).toBeGreaterThan(before);
  });
});

describe("bad input and other tenants", () => {
  it("answers SCIM 4xx errors naming what is wrong, and writes nothing", async () => {
    const before = await prisma.organizationMembership.count({ where: { organizationId: tenant.organizationId } });
    expectScimError(await scim(usersRoute.GET, { path: `/Users?filter=${encodeURIComponent("userName sw x")}` }), 400, "invalidFilter");
    expectScimError(
      await scim(usersRoute.GET, { path: `/Users?filter=${encodeURIComponent('title eq "CEO"')}` }),
      400,
      "invalidFilter",
      /title/,
    );
    expectScimError(await scim(usersRoute.GET, { path: "/Users?count=abc" }), 400, "invalidValue", /count/);
    expectScimError(await create({ schemas: [USER_SCHEMA], name: { givenName: "No" } }), 400, "invalidValue", /userName/);
    expectScimError(await create({ schemas: [USER_SCHEMA], userName: "not-an-email" }), 400, "invalidValue", /e-mail/);
    expectScimError(await create({ schemas: [USER_SCHEMA], userName: "a@b.co", roles: ["KING"] }), 400, "invalidValue", /roles/);
    expectScimError(await create({ schemas: [USER_SCHEMA], userName: "a@b.co", active: false }), 400, "invalidValue", /active/);
    expectScimError(await scim(usersRoute.POST, { path: "/Users", method: "POST", body: "{not json" }), 400, "invalidSyntax");
    expectScimError(await scim(usersRoute.POST, { path: "/Users", method: "POST" }), 400);
    const unknown = "cm0000000000000000000000";
    expectScimError(await getUser(unknown), 404);
    expectScimError(await patchUser(unknown, [{ op: "replace", value: { active: false } }]), 404);
    expectScimError(await putUser(unknown, { schemas: [USER_SCHEMA], userName: "a@b.co" }), 404);
    expectScimError(await deleteUser(unknown), 404);
    // A PatchOp without its schema, with an unknown op, or changing userName.
    const id = tenant.userId;
    const noSchema = await scim(userRoute.PATCH, {
      path: `/Users/${id}`,
      method: "PATCH",
      id,
      body: { Operations: [{ op: "replace", value: { active: false } }] },
    });
    expectScimError(noSchema, 400, "invalidValue", /PatchOp/);
    expectScimError(await patchUser(id, [{ op: "move", path: "active" }]), 400, "invalidValue", /op/);
    expectScimError(await patchUser(id, [{ op: "replace", path: "userName", value: "else@example.com" }]), 400, "mutability");
    expect(await prisma.organizationMembership.count({ where: { organizationId: tenant.organizationId } })).toBe(before);
  });

  it("takes the key pair as Entra ID's bearer Secret Token (pk:sk, or base64 of it), never a public key alone", async () => {
    const pair = `${orgPublicKey}:${orgSecretKey}`;
    const owner = await prisma.user.findUniqueOrThrow({ where: { id: tenant.userId } });
    for (const token of [pair, Buffer.from(pair).toString("base64")]) {
      const listed = await lookup(owner.email, `Bearer ${token}`);
      expect(listed.status).toBe(200);
      expect(listed.body.totalResults).toBe(1);
    }
    expectScimError(await lookup("a@b.co", `Bearer ${orgPublicKey}:sk-lf-wrong`), 401);
    const projectPair = /^Basic (.+)$/.exec(tenant.basic)?.[1] ?? "";
    expectScimError(await lookup("a@b.co", `Bearer ${projectPair}`), 403, undefined, /Organization-scoped API key required/);
  });

  it("refuses a wrong secret (401), a project key (403) and an organization key's public key as Bearer, in SCIM's error shape", async () => {
    const wrong = basicOf(orgPublicKey, "sk-lf-wrong");
    expectScimError(await lookup("a@b.co", wrong), 401);
    expectScimError(await lookup("a@b.co", tenant.basic), 403, undefined, /Organization-scoped API key required/);
    expectScimError(await create({ userName: "p@b.co" }, tenant.basic), 403);
    const bearer = await lookup("a@b.co", `Bearer ${orgPublicKey}`);
    expect([401, 403]).toContain(bearer.status);
    expect(bearer.body.schemas).toEqual([ERROR_SCHEMA]);
    expectScimError(await scim(serviceProviderConfigRoute.GET, { path: "/ServiceProviderConfig", authorization: tenant.basic }), 403);
  });

  it("keeps every organization to its own members: another organization's user ids are 404 and unchanged", async () => {
    const other = await otherOrganization();
    // This organization's key on the other organization's owner.
    expectScimError(await getUser(other.ownerId), 404);
    expectScimError(await patchUser(other.ownerId, [{ op: "replace", value: { active: false } }]), 404);
    expectScimError(await patchUser(other.ownerId, [{ op: "replace", value: { active: true } }]), 404);
    expectScimError(await deleteUser(other.ownerId), 404);
    expect((await membership(other.ownerId, other.organizationId))?.role).toBe("OWNER");
    expect(await membership(other.ownerId)).toBeNull();
    // The other key lists only its own members, not this tenant's.
    const listed = await scim(usersRoute.GET, { path: "/Users", authorization: other.key });
    expect((listed.body.Resources as { id: string }[]).map((r) => r.id)).toEqual([other.ownerId]);
    expect((await getUser(tenant.userId, other.key)).status).toBe(404);
    // A user in both organizations: the name is theirs across organizations, so SCIM does not rename them.
    const shared = await create({ schemas: [USER_SCHEMA], userName: `shared-${crypto.randomUUID()}@example.com`, displayName: "First" });
    const sharedId = shared.body.id as string;
    expect((await create({ userName: shared.body.userName }, other.key)).status).toBe(201);
    const renamed = await patchUser(sharedId, [{ op: "replace", path: "displayName", value: "Renamed" }]);
    expect(renamed.body).toMatchObject({ name: { formatted: "First" } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: sharedId } })).name).toBe("First");
  });

  it("pages with startIndex and count (clamped as RFC 7644 says)", async () => {
    for (let i = 0; i < 2; i++) await create({ userName: `page-${i}-${crypto.randomUUID()}@example.com` });
    const total = await prisma.organizationMembership.count({ where: { organizationId: tenant.organizationId } });
    const first = await scim(usersRoute.GET, { path: "/Users?startIndex=0&count=2" });
    expect(first.body).toMatchObject({ totalResults: total, startIndex: 1, itemsPerPage: 2 });
    const second = await scim(usersRoute.GET, { path: "/Users?startIndex=3&count=2" });
    const ids = (answer: Answer) => (answer.body.Resources as { id: string }[]).map((r) => r.id);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
    expect((await scim(usersRoute.GET, { path: "/Users?count=0" })).body).toMatchObject({ totalResults: total, itemsPerPage: 0 });
  });
});

describe("the last OWNER", () => {
  it("is never removed or demoted through SCIM: a SCIM 403, the membership unchanged", async () => {
    const id = tenant.userId;
    expect((await membership(id))?.role).toBe("OWNER");
    expectScimError(await patchUser(id, [{ op: "replace", value: { active: false } }]), 403, undefined, /last owner/);
    expectScimError(await patchUser(id, [{ op: "Replace", path: "active", value: "False" }]), 403);
    expectScimError(await deleteUser(id), 403);
    expectScimError(await putUser(id, { schemas: [USER_SCHEMA], userName: (await getUser(id)).body.userName, roles: ["MEMBER"] }), 403);
    expect((await membership(id))?.role).toBe("OWNER");
    expect((await auditRows(id)).filter((r) => r.action.startsWith("scim."))).toEqual([]);
  });
});
