import "@/testing/next-environment";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ROLES, type Role } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { CAPABILITIES, can } from "@loupe/domain";
import { closeQueues } from "@loupe/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSignedInMember, callRoute, createSignedInTenant, type RouteHandler, seedTraces } from "@/testing/call-route";
import { capabilityOf, discoverRouteEntries, type RouteEntry, renderRolesMarkdown } from "@/testing/role-matrix";
import * as nextAuthRoute from "./auth/[...nextauth]/route";
import * as ingestionRoute from "./public/ingestion/route";

// The role matrix, walked: every internal project and organization route found on disk (a new route.ts is
// covered without touching this file), every method, called by each role with a plausible body; where
// the capability map refuses, the answer is 403 and nothing was written, where it allows, the answer is
// not 403. Every public endpoint is called with the public key alone (403 and nothing written, except
// scores and ingestion) and with the key pair (never 403). docs/roles.md is rendered from the same map
// and route specs, so the test fails when the document and the code disagree
// (`npm run docs:roles` rewrites it).

const BASE = "http://loupe.test";
const API_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROLES_DOC = path.join(API_DIR, "../../../../../docs/roles.md");
const nextAuth = nextAuthRoute as unknown as { GET: RouteHandler; POST: RouteHandler };

let tenant: { projectId: string; organizationId: string; basic: string; cookie: string };
let bearer = "";
const people: Partial<Record<Role, { cookie: string }>> = {};
const traceId = `t-${crypto.randomUUID()}`;
let entries: RouteEntry[] = [];

beforeAll(async () => {
  tenant = await createSignedInTenant(nextAuth, BASE);
  people.OWNER = tenant;
  for (const role of ROLES.filter((r) => r !== "OWNER")) people[role] = await addSignedInMember(nextAuth, BASE, tenant.projectId, role);
  await seedTraces(ingestionRoute.POST as RouteHandler, BASE, tenant.basic, [{ id: traceId }]);
  const publicKey = Buffer.from(tenant.basic.slice("Basic ".length), "base64").toString("utf8").split(":")[0];
  bearer = `Bearer ${publicKey}`;
  entries = await discoverRouteEntries(API_DIR);
}, 120_000);

afterAll(async () => {
  await closeQueues();
});

/**
 * Rows a refused request must not have changed: the project's own tables, the org's memberships, and no
 * audit row of the project or organization after `auditSeq` (counted by seq, not in total: the audit
 * retention test may delete old rows of every tenant meanwhile).
 */
async function footprint(projectId: string, organizationId: string, auditSeq: bigint) {
  const where = { projectId };
  const [project, ...counts] = await Promise.all([
    prisma.project.findUnique({ where: { id: projectId } }),
    prisma.apiKey.count({ where: { ...where, revokedAt: null } }),
    prisma.llmConnection.count({ where }),
    prisma.prompt.count({ where }),
    prisma.dataset.count({ where }),
    prisma.datasetItem.count({ where }),
    prisma.scoreConfig.count({ where }),
    prisma.annotationQueue.count({ where }),
    prisma.annotationQueueItem.count({ where }),
    prisma.comment.count({ where }),
    prisma.score.count({ where }),
    prisma.dashboard.count({ where }),
    prisma.webhook.count({ where }),
    prisma.evaluationRule.count({ where }),
    prisma.trace.count({ where: { ...where, public: true } }),
    prisma.organizationMembership.count({ where: { organizationId } }),
    prisma.auditLog.count({ where: { OR: [{ projectId }, { organizationId }], seq: { gt: auditSeq } } }),
  ]);
  return { project: { ...project, updatedAt: undefined }, counts };
}

// Plausible bodies, so a refusal is the role check and not a 400 for the shape.
const BODIES: Record<string, unknown> = {
  "api-keys": { note: "x" },
  "annotation-queues": { name: "q", scoreConfigIds: ["c"] },
  "score-configs": { name: "n", dataType: "BOOLEAN" },
  "settings/masking": { enabled: true, customRules: [] },
  "llm-connections": { provider: "openai", adapter: "openai", secretKey: "sk-123456789012" },
  prompts: { name: "p", type: "text", prompt: "hi" },
  datasets: { name: "d" },
};
const bodyFor = (rest: string) => BODIES[Object.keys(BODIES).find((k) => rest.startsWith(k)) ?? ""] ?? { public: true };

/** The route's template with its dynamic segments filled: the tenant's ids, the seeded trace, made-up ids. */
function concrete(template: string) {
  const params: Record<string, string> = {};
  const url = template.replace(/\[([^\]]+)\]/g, (_m, name: string) => {
    params[name] =
      name === "projectId"
        ? tenant.projectId
        : name === "organizationId"
          ? tenant.organizationId
          : name === "traceId"
            ? traceId
            : `x-${name}`;
    return params[name] as string;
  });
  return { url: `${BASE}${url}`, params };
}

async function call(entry: RouteEntry, headers: Record<string, string>) {
  const { url, params } = concrete(entry.template);
  const rest = entry.template.replace(/^\/api\/internal\/(projects\/\[projectId\]|organizations\/\[organizationId\])\//, "");
  return callRoute(entry.handler, {
    url,
    method: entry.method,
    params,
    headers: { "content-type": "application/json", ...headers },
    body: entry.method === "GET" ? undefined : JSON.stringify(bodyFor(rest)),
  });
}

/** The head of the audit chain now (rows after it were written after this moment). */
const auditHead = async () => (await prisma.auditLog.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;

const label = (e: RouteEntry) =>
  `${e.method} ${e.template.replace(/^\/api\/internal\/(projects\/\[projectId\]|organizations\/\[organizationId\])\//, "")}`;

describe("the capability map", () => {
  it("gives an ANNOTATOR reading traces, annotating and commenting only, and a VIEWER reading without annotating", () => {
    const granted = (role: Role) => CAPABILITIES.filter((c) => can(role, c));
    expect(granted("ANNOTATOR")).toEqual(["traces:read", "annotate", "comment"]);
    expect(granted("VIEWER")).toEqual(["traces:read", "project:read"]);
    expect(granted("MEMBER")).toEqual(["traces:read", "project:read", "annotate", "comment", "project:write"]);
    expect(granted("ADMIN")).toEqual([
      ...granted("MEMBER"),
      "project:manage",
      "traces:delete",
      "organization:manage",
      "organization:members",
      "project:members",
    ]);
    expect(granted("OWNER")).toEqual([...CAPABILITIES]);
  });

  it("is what docs/roles.md says, route by route", () => {
    const rendered = renderRolesMarkdown(entries);
    if (process.env.LOUPE_WRITE_ROLES_DOC === "1") fs.writeFileSync(ROLES_DOC, rendered);
    expect(entries.filter((e) => e.auth.kind === "project").length).toBeGreaterThan(60);
    expect(fs.readFileSync(ROLES_DOC, "utf8"), "docs/roles.md is stale: run `npm run docs:roles`").toBe(rendered);
  });
});

describe.each(ROLES)("every internal project and organization route as %s", (role) => {
  it("refuses with 403 and writes nothing where the role lacks the capability, and lets it through where it has it", async () => {
    const person = people[role];
    if (!person) throw new Error("no person");
    const refused: string[] = [];
    const allowed: string[] = [];
    for (const entry of entries.filter((e) => e.auth.kind === "project" || e.auth.kind === "organization")) {
      const capability = capabilityOf(entry.auth);
      if (!capability) continue;
      if (can(role, capability)) {
        const response = await call(entry, { cookie: person.cookie });
        allowed.push(label(entry));
        expect(response.status, label(entry)).not.toBe(403);
      } else {
        const head = await auditHead();
        const before = await footprint(tenant.projectId, tenant.organizationId, head);
        const response = await call(entry, { cookie: person.cookie });
        refused.push(label(entry));
        expect(response.status, label(entry)).toBe(403);
        expect(await footprint(tenant.projectId, tenant.organizationId, head), label(entry)).toEqual(before);
      }
    }
    if (role === "ANNOTATOR") {
      // The issue's rights, spelled out: management and reads outside traces are refused…
      for (const route of [
        "GET prompts",
        "GET datasets",
        "GET users",
        "GET api-keys",
        "POST api-keys",
        "PUT settings/masking",
        "GET llm-connections",
        "POST annotation-queues",
        "POST score-configs",
        "PATCH traces/[traceId]",
        "GET audit-log",
        "POST bulk-traces/tags",
        "POST bulk-traces/delete",
        "POST models",
      ]) {
        expect(refused, route).toContain(route);
      }
      // …while traces, sessions, observations, scores, queues and comments are open to it.
      for (const route of [
        "GET traces",
        "GET traces/[traceId]",
        "GET sessions",
        "GET observations",
        "GET score-configs",
        "POST scores",
        "GET annotation-queues",
        "POST annotation-queues/[queueId]/items/[itemId]/complete",
        "POST comments",
      ]) {
        expect(allowed, route).toContain(route);
      }
    } else if (role === "VIEWER") {
      expect(refused).toEqual(
        expect.arrayContaining(["POST scores", "POST comments", "POST annotation-queues/[queueId]/items/[itemId]/complete"]),
      );
      expect(allowed).toEqual(expect.arrayContaining(["GET prompts", "GET datasets", "GET annotation-queues"]));
    } else if (role === "MEMBER") {
      // The audit logs, project and organization, are ADMIN+.
      expect(refused).toEqual(expect.arrayContaining(["GET audit-log", "POST audit-log/verify", "GET audit-log/export"]));
      // Members, invitations and project roles are ADMIN+ too.
      expect(refused).toEqual(
        expect.arrayContaining([
          "GET members",
          "PATCH members/[userId]",
          "POST invitations",
          "DELETE invitations/[invitationId]",
          "PUT members/[userId]",
        ]),
      );
      expect(allowed).toEqual(expect.arrayContaining(["POST prompts", "POST datasets"]));
    } else {
      expect(refused).toEqual([]);
    }
  }, 300_000);
});

describe("an organization member with the role NONE and no project role", () => {
  it("gets 404 from every project route and 403 from every organization route, and writes nothing", async () => {
    const none = await addSignedInMember(nextAuth, BASE, tenant.projectId, "NONE");
    for (const entry of entries.filter((e) => e.auth.kind === "project" || e.auth.kind === "organization")) {
      const head = await auditHead();
      const before = await footprint(tenant.projectId, tenant.organizationId, head);
      const response = await call(entry, { cookie: none.cookie });
      expect(response.status, label(entry)).toBe(entry.auth.kind === "project" ? 404 : 403);
      expect(await footprint(tenant.projectId, tenant.organizationId, head), label(entry)).toEqual(before);
    }
  }, 300_000);
});

/** An organization key of a second organization (its own project), Basic auth. */
async function otherOrganizationKey() {
  const { createOrganizationKey, createOrganizationForUser, signUpWithPassword } = await import("@loupe/server");
  const user = await signUpWithPassword({ email: `org-key-${crypto.randomUUID()}@example.com`, password: "correct-horse-battery" });
  const system = { actor: { type: "system" as const }, ip: null };
  const { organizationId } = await createOrganizationForUser(user, { organizationName: "Other org", projectName: "Other" }, system);
  const key = await createOrganizationKey(organizationId, {}, system);
  return `Basic ${Buffer.from(`${key.publicKey}:${key.secretKey}`).toString("base64")}`;
}

describe("the admin API (organization keys)", () => {
  it("refuses a project's key (pair or Bearer public key) with 403, writing nothing; an organization key passes, and another organization's project is 404", async () => {
    const adminEntries = entries.filter((e) => e.auth.kind === "organizationKey");
    expect(adminEntries.map((e) => `${e.method} ${e.template}`).sort()).toEqual([
      "DELETE /api/public/organizations/memberships",
      "DELETE /api/public/projects/[projectId]",
      "DELETE /api/public/projects/[projectId]/apiKeys/[apiKeyId]",
      "DELETE /api/public/projects/[projectId]/memberships",
      "DELETE /api/public/scim/Users/[id]",
      "GET /api/public/organizations/apiKeys",
      "GET /api/public/organizations/memberships",
      "GET /api/public/organizations/projects",
      "GET /api/public/projects/[projectId]/apiKeys",
      "GET /api/public/projects/[projectId]/memberships",
      "GET /api/public/scim/ResourceTypes",
      "GET /api/public/scim/Schemas",
      "GET /api/public/scim/ServiceProviderConfig",
      "GET /api/public/scim/Users",
      "GET /api/public/scim/Users/[id]",
      "PATCH /api/public/scim/Users/[id]",
      "POST /api/public/projects",
      "POST /api/public/projects/[projectId]/apiKeys",
      "POST /api/public/scim/Users",
      "PUT /api/public/organizations/memberships",
      "PUT /api/public/projects/[projectId]",
      "PUT /api/public/projects/[projectId]/memberships",
      "PUT /api/public/scim/Users/[id]",
    ]);
    const orgKey = await otherOrganizationKey();
    for (const entry of adminEntries) {
      const name = `${entry.method} ${entry.template}`;
      const head = await auditHead();
      const before = await footprint(tenant.projectId, tenant.organizationId, head);
      const withProjectKey = await call(entry, { authorization: tenant.basic });
      expect(withProjectKey.status, name).toBe(403);
      // SCIM routes answer in SCIM's error shape (`detail`), the others in Langfuse's (`message`).
      const refusal = (await withProjectKey.json()) as { message?: string; detail?: string };
      expect(refusal.message ?? refusal.detail, name).toContain("Organization-scoped API key required");
      expect((await call(entry, { authorization: bearer })).status, name).toBe(403);
      expect(await footprint(tenant.projectId, tenant.organizationId, head), name).toEqual(before);
      // The other organization's key on this tenant's project ids: found nowhere, changed nothing.
      const withOrgKey = await call(entry, { authorization: orgKey });
      expect([401, 403], name).not.toContain(withOrgKey.status);
      // 404, or 400 where the plausible body is not the endpoint's shape (bodies are read before the project).
      if (entry.template.includes("[projectId]")) expect([400, 404], name).toContain(withOrgKey.status);
      expect(await footprint(tenant.projectId, tenant.organizationId, head), name).toEqual(before);
    }
  }, 120_000);

  it("gives an organization key no project data: every project endpoint answers 403 and writes nothing", async () => {
    const orgKey = await otherOrganizationKey();
    for (const entry of entries.filter((e) => e.auth.kind === "apiKey")) {
      const name = `${entry.method} ${entry.template}`;
      const head = await auditHead();
      const before = await footprint(tenant.projectId, tenant.organizationId, head);
      const response = await call(entry, { authorization: orgKey });
      expect(response.status, name).toBe(403);
      expect(await footprint(tenant.projectId, tenant.organizationId, head), name).toEqual(before);
    }
  }, 300_000);
});

describe("every public endpoint", () => {
  it("refuses the public key alone with 403 and writes nothing, except scores and ingestion; the key pair is never refused", async () => {
    const publicEntries = entries.filter((e) => e.auth.kind === "apiKey");
    expect(publicEntries.length).toBeGreaterThan(40);
    const bearerAllowed: string[] = [];
    for (const entry of publicEntries) {
      const scopes = entry.auth.kind === "apiKey" ? (entry.auth.scopes ?? ["project"]) : [];
      const name = `${entry.method} ${entry.template}`;
      const head = await auditHead();
      const before = await footprint(tenant.projectId, tenant.organizationId, head);
      const withPublicKey = await call(entry, { authorization: bearer });
      if (scopes.includes("scores")) {
        bearerAllowed.push(name);
        expect(withPublicKey.status, name).not.toBe(403);
      } else {
        expect(withPublicKey.status, name).toBe(403);
        expect(await footprint(tenant.projectId, tenant.organizationId, head), name).toEqual(before);
      }
      expect((await call(entry, { authorization: tenant.basic })).status, name).not.toBe(403);
    }
    expect(bearerAllowed.sort()).toEqual(["POST /api/public/ingestion", "POST /api/public/scores"]);
  }, 300_000);
});
