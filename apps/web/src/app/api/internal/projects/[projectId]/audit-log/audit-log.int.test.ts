import "@/testing/next-environment";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { signUpWithPassword } from "@loupe/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as nextAuthRoute from "@/app/api/auth/[...nextauth]/route";
import * as apiKeysRoute from "@/app/api/internal/projects/[projectId]/api-keys/route";
import { callRoute, createSignedInTenant, type RouteHandler, signInCookie } from "@/testing/call-route";
import * as exportRoute from "./export/route";
import * as listRoute from "./route";
import * as verifyRoute from "./verify/route";

const BASE = "http://loupe.test";
const nextAuth = nextAuthRoute as unknown as { GET: RouteHandler; POST: RouteHandler };
let tenant: { projectId: string; basic: string; cookie: string };

beforeAll(async () => {
  tenant = await createSignedInTenant(nextAuth, BASE);
});
afterAll(async () => {
  await closeQueues();
});

const url = (path: string) => `${BASE}/api/internal/projects/${tenant.projectId}/audit-log${path}`;
const get = (handler: unknown, path: string, cookie = tenant.cookie) =>
  callRoute(handler as RouteHandler, { url: url(path), headers: { cookie }, params: { projectId: tenant.projectId } });

async function memberCookie(role: "VIEWER" | "MEMBER") {
  const email = `${role.toLowerCase()}-${crypto.randomUUID()}@example.com`;
  const user = await signUpWithPassword({ email, password: "correct-horse-battery" });
  const project = await prisma.project.findUniqueOrThrow({ where: { id: tenant.projectId } });
  await prisma.organizationMembership.create({ data: { organizationId: project.organizationId, userId: user.id, role } });
  return signInCookie(nextAuth, BASE, { email, password: "correct-horse-battery" });
}

describe("audit log routes", () => {
  it("records a key created through the API with who did it, and never its secret", async () => {
    const created = await callRoute(apiKeysRoute.POST as RouteHandler, {
      url: `${BASE}/api/internal/projects/${tenant.projectId}/api-keys`,
      method: "POST",
      headers: { cookie: tenant.cookie, "content-type": "application/json" },
      body: JSON.stringify({ note: "ci" }),
      params: { projectId: tenant.projectId },
    });
    expect(created.status).toBe(201);
    const { secretKey } = (await created.json()) as { secretKey: string };
    const res = await get(listRoute.GET, "?action=apiKey.created");
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { actorType: string; after: { note: string } }[] };
    // The tenant's first key was made by the test setup (system), this one by the signed-in owner.
    expect(data.map((d) => d.actorType)).toEqual(["user", "system"]);
    expect(data[0]).toMatchObject({ actorType: "user", actorEmail: expect.stringMatching(/^tenant-/), after: { note: "ci" } });
    expect(JSON.stringify(data)).not.toContain(secretKey);
  });

  it("records sign-ins and failed sign-ins", async () => {
    const email = `signin-${crypto.randomUUID()}@example.com`;
    const user = await signUpWithPassword({ email, password: "correct-horse-battery" });
    await expect(signInCookie(nextAuth, BASE, { email, password: "wrong-password" })).rejects.toThrow(/sign-in failed/);
    await signInCookie(nextAuth, BASE, { email, password: "correct-horse-battery" });
    const rows = await prisma.auditLog.findMany({ where: { actorEmail: email }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.action, r.actorId])).toEqual([
      ["auth.signInFailed", null],
      ["auth.signIn", user.id],
    ]);
  });

  it("is for admins: viewers and members get 403", async () => {
    for (const role of ["VIEWER", "MEMBER"] as const) {
      const cookie = await memberCookie(role);
      expect((await get(listRoute.GET, "", cookie)).status).toBe(403);
      expect((await get(exportRoute.GET, "?format=csv", cookie)).status).toBe(403);
      const verify = await callRoute(verifyRoute.POST as RouteHandler, {
        url: url("/verify"),
        method: "POST",
        headers: { cookie },
        params: { projectId: tenant.projectId },
      });
      expect(verify.status).toBe(403);
    }
  });

  it("verifies the chain and exports CSV and JSONL, recording the export", async () => {
    const verify = await callRoute(verifyRoute.POST as RouteHandler, {
      url: url("/verify"),
      method: "POST",
      headers: { cookie: tenant.cookie },
      params: { projectId: tenant.projectId },
    });
    expect(await verify.json()).toMatchObject({ ok: true, broken: null });
    const csv = await get(exportRoute.GET, "?format=csv&action=apiKey.created");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toMatch(/^id,createdAt,actorType/);
    expect(lines).toHaveLength(3);
    const jsonl = await get(exportRoute.GET, "?format=jsonl");
    const entries = (await jsonl.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { action: string });
    // Newest first: the export's own row leads.
    expect(entries[0]?.action).toBe("audit.exported");
    expect(entries.filter((e) => e.action === "audit.exported")).toHaveLength(2);
  });

  it("names a bad filter with 400", async () => {
    const res = await get(listRoute.GET, "?action=nope");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("action");
  });
});
