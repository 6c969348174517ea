import "@/testing/next-environment";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { createProjectApiKey, signUpWithPassword } from "@loupe/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as nextAuthRoute from "@/app/api/auth/[...nextauth]/route";
import { callRoute, createSignedInTenant, type RouteHandler, signInCookie } from "@/testing/call-route";
import * as exportRoute from "./export/route";
import * as listRoute from "./route";
import * as verifyRoute from "./verify/route";

// The organization's audit log: its projects' rows, rows recorded for it, and its members' sign-ins
// (which belong to no project or organization); nothing of another organization; ADMIN+ of the org.

const BASE = "http://loupe.test";
const nextAuth = nextAuthRoute as unknown as { GET: RouteHandler; POST: RouteHandler };
type Tenant = Awaited<ReturnType<typeof createSignedInTenant>>;
let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  [tenant, other] = [await createSignedInTenant(nextAuth, BASE), await createSignedInTenant(nextAuth, BASE)];
});
afterAll(async () => {
  await closeQueues();
});

type Entry = { action: string; projectId: string | null; organizationId: string | null; actorId: string | null; actorEmail: string | null };
const url = (organizationId: string, path: string) => `${BASE}/api/internal/organizations/${organizationId}/audit-log${path}`;
const call = (handler: unknown, organizationId: string, path: string, cookie: string, method = "GET") =>
  callRoute(handler as RouteHandler, { url: url(organizationId, path), method, headers: { cookie }, params: { organizationId } });
const list = async (t: Tenant, query = "") => {
  const res = await call(listRoute.GET, t.organizationId, query, t.cookie);
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: Entry[] }).data;
};

async function orgMember(t: Tenant, role: "ADMIN" | "MEMBER") {
  const email = `org-${role.toLowerCase()}-${crypto.randomUUID()}@example.com`;
  const user = await signUpWithPassword({ email, password: "correct-horse-battery" });
  await prisma.organizationMembership.create({ data: { organizationId: t.organizationId, userId: user.id, role } });
  return { ...user, cookie: await signInCookie(nextAuth, BASE, { email, password: "correct-horse-battery" }) };
}

describe("the organization's audit log", () => {
  it("holds its projects' rows and its members' sign-ins, failed ones by e-mail, and nothing of another organization", async () => {
    await createProjectApiKey(tenant.projectId, { note: "org-log" }, { actor: { type: "system" }, ip: null });
    const admin = await orgMember(tenant, "ADMIN");
    await expect(signInCookie(nextAuth, BASE, { email: admin.email, password: "wrong-password" })).rejects.toThrow(/sign-in failed/);
    const rows = await list(tenant);
    expect(rows.some((r) => r.action === "apiKey.created" && r.projectId === tenant.projectId)).toBe(true);
    expect(rows.some((r) => r.action === "auth.signIn" && r.actorId === tenant.userId)).toBe(true);
    expect(rows.some((r) => r.action === "auth.signIn" && r.actorId === admin.id)).toBe(true);
    expect(rows.some((r) => r.action === "auth.signInFailed" && r.actorEmail === admin.email)).toBe(true);
    // The other organization's owner, project and key are not in it, and the reverse.
    expect(rows.some((r) => r.actorId === other.userId || r.projectId === other.projectId)).toBe(false);
    expect((await list(other)).some((r) => r.actorId === admin.id || r.projectId === tenant.projectId)).toBe(false);
    // Filters apply as on the project log.
    expect((await list(tenant, "?action=auth.signInFailed")).map((r) => r.actorEmail)).toEqual([admin.email]);
  });

  it("is for the organization's ADMIN and OWNER: a MEMBER gets 403, a stranger 404", async () => {
    const member = await orgMember(tenant, "MEMBER");
    expect((await call(listRoute.GET, tenant.organizationId, "", member.cookie)).status).toBe(403);
    expect((await call(exportRoute.GET, tenant.organizationId, "?format=csv", member.cookie)).status).toBe(403);
    expect((await call(verifyRoute.POST, tenant.organizationId, "/verify", member.cookie, "POST")).status).toBe(403);
    expect((await call(listRoute.GET, tenant.organizationId, "", other.cookie)).status).toBe(404);
    const admin = await orgMember(tenant, "ADMIN");
    expect((await call(listRoute.GET, tenant.organizationId, "", admin.cookie)).status).toBe(200);
  });

  it("verifies the chain and exports, recording the export for the organization", async () => {
    const verify = await call(verifyRoute.POST, tenant.organizationId, "/verify", tenant.cookie, "POST");
    expect(await verify.json()).toMatchObject({ ok: true, broken: null });
    const jsonl = await call(exportRoute.GET, tenant.organizationId, "?format=jsonl", tenant.cookie);
    expect(jsonl.headers.get("content-type")).toContain("ndjson");
    const entries = (await jsonl.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Entry);
    expect(entries[0]).toMatchObject({ action: "audit.exported", organizationId: tenant.organizationId, projectId: null });
    expect(entries.some((e) => e.action === "auth.signIn" && e.actorId === tenant.userId)).toBe(true);
  });
});
