import "@/testing/next-environment";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Role } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { type Capability, can } from "@loupe/domain";
import { closeQueues } from "@loupe/jobs";
import { capabilityFor, type LadderRole } from "@loupe/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSignedInMember, callRoute, createSignedInTenant, type RouteHandler, seedTraces } from "@/testing/call-route";
import * as nextAuthRoute from "./auth/[...nextauth]/route";
import * as ingestionRoute from "./public/ingestion/route";

// Every internal project route, found on disk (a new route.ts is covered without touching this file),
// called by an ANNOTATOR and a VIEWER: a route whose capability the role lacks answers 403 and writes
// nothing, whatever its body; a route it has does not answer 403. The expectation comes from the same
// capability map the server enforces, and the first test pins that map's answers for the rights.

const BASE = "http://loupe.test";
const nextAuth = nextAuthRoute as unknown as { GET: RouteHandler; POST: RouteHandler };
const PROJECT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "internal", "projects", "[projectId]");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Spec = { auth: { kind: string; can?: Capability; minRole?: LadderRole } };

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(full) : e.name === "route.ts" ? [full] : [];
  });
}

let tenant: { projectId: string; basic: string; cookie: string };
const people: Partial<Record<Role, { userId: string; cookie: string }>> = {};
const traceId = `t-${crypto.randomUUID()}`;

beforeAll(async () => {
  tenant = await createSignedInTenant(nextAuth, BASE);
  people.ANNOTATOR = await addSignedInMember(nextAuth, BASE, tenant.projectId, "ANNOTATOR");
  people.VIEWER = await addSignedInMember(nextAuth, BASE, tenant.projectId, "VIEWER");
  await seedTraces(ingestionRoute.POST as RouteHandler, BASE, tenant.basic, [{ id: traceId }]);
}, 60_000);

afterAll(async () => {
  await closeQueues();
});

/** Rows a refused request must not have changed (the project's own tables and the org's memberships). */
async function footprint(projectId: string) {
  const where = { projectId };
  const [project, ...counts] = await Promise.all([
    prisma.project.findUnique({ where: { id: projectId } }),
    prisma.apiKey.count({ where: { ...where, revokedAt: null } }),
    prisma.llmConnection.count({ where }),
    prisma.prompt.count({ where }),
    prisma.dataset.count({ where }),
    prisma.scoreConfig.count({ where }),
    prisma.annotationQueue.count({ where }),
    prisma.annotationQueueItem.count({ where }),
    prisma.comment.count({ where }),
    prisma.score.count({ where }),
    prisma.trace.count({ where: { ...where, public: true } }),
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
const bodyFor = (template: string) => BODIES[Object.keys(BODIES).find((k) => template.startsWith(k)) ?? ""] ?? { public: true };

describe("the capability map", () => {
  it("gives an ANNOTATOR reading traces, annotating and commenting only, and a VIEWER reading without annotating", () => {
    const granted = (role: Role) =>
      (["traces:read", "project:read", "annotate", "comment", "project:write", "project:manage", "project:own"] as const).filter((c) =>
        can(role, c),
      );
    expect(granted("ANNOTATOR")).toEqual(["traces:read", "annotate", "comment"]);
    expect(granted("VIEWER")).toEqual(["traces:read", "project:read"]);
    expect(granted("MEMBER")).toEqual(["traces:read", "project:read", "annotate", "comment", "project:write"]);
    expect(granted("OWNER")).toHaveLength(7);
  });
});

describe.each(["ANNOTATOR", "VIEWER"] as const)("every internal project route as %s", (role) => {
  it("refuses with 403 and writes nothing where the role lacks the capability, and lets it through where it has it", async () => {
    const person = people[role];
    if (!person) throw new Error("no person");
    const refused: string[] = [];
    const allowed: string[] = [];
    for (const file of routeFiles(PROJECT_DIR)) {
      const template = path.relative(PROJECT_DIR, path.dirname(file)).split(path.sep).join("/");
      const mod = (await import(file)) as Record<string, (RouteHandler & { spec?: Spec }) | undefined>;
      for (const method of METHODS) {
        const handler = mod[method];
        const spec = handler?.spec;
        if (!handler || spec?.auth.kind !== "project") continue;
        const params: Record<string, string> = { projectId: tenant.projectId };
        const concrete = template.replace(/\[([^\]]+)\]/g, (_m, name: string) => {
          params[name] = name === "traceId" ? traceId : `x-${name}`;
          return params[name] as string;
        });
        const before = await footprint(tenant.projectId);
        const response = await callRoute(handler, {
          url: `${BASE}/api/internal/projects/${tenant.projectId}/${concrete}`,
          method,
          params,
          headers: { cookie: person.cookie, "content-type": "application/json" },
          body: method === "GET" ? undefined : JSON.stringify(bodyFor(template)),
        });
        const label = `${method} ${template}`;
        if (can(role, capabilityFor(handler.spec?.auth ?? {}))) {
          allowed.push(label);
          expect(response.status, label).not.toBe(403);
        } else {
          refused.push(label);
          expect(response.status, label).toBe(403);
          expect(await footprint(tenant.projectId), label).toEqual(before);
        }
      }
    }
    if (role === "ANNOTATOR") {
      // The rights, spelled out: management and reads outside traces are refused…
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
    } else {
      expect(refused).toEqual(
        expect.arrayContaining(["POST scores", "POST comments", "POST annotation-queues/[queueId]/items/[itemId]/complete"]),
      );
      expect(allowed).toEqual(expect.arrayContaining(["GET prompts", "GET datasets", "GET annotation-queues"]));
    }
  }, 120_000);
});
