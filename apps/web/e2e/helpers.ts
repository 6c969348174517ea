import { randomUUID } from "node:crypto";
import path from "node:path";
import { type APIRequestContext, type Page, expect } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../../../packages/server/src/auth/passwords";
import { E2E_BASE_URL, E2E_KEYS, E2E_USER } from "../playwright.config";

/** A connection pool to the e2e database (the one the web server under test uses), for setup the UI cannot do. */
export function e2eDatabase() {
  const url = new URL(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/loupe");
  url.pathname = `/loupe_e2e${process.env.LOUPE_TEST_ID ? `_${process.env.LOUPE_TEST_ID}` : ""}`;
  return new pg.Pool({ connectionString: url.toString(), max: 2 });
}

/**
 * A new user who is a MEMBER of the e2e organization with `role` in the e2e project (the project role
 * wins), created in the database: the UI has no invitation flow to do it.
 */
export async function createProjectUser(db: pg.Pool, role: "VIEWER" | "MEMBER" | "ADMIN" | "ANNOTATOR") {
  const user = { email: `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@loupe.test`, password: `${role.toLowerCase()}-password-1` };
  const { rows } = await db.query<{ id: string; organizationId: string }>(
    `SELECT p."id", p."organizationId" FROM "Project" p JOIN "Organization" o ON o."id" = p."organizationId"
     WHERE o."name" = 'E2E Org' AND p."name" = 'E2E Project' AND p."deletedAt" IS NULL`,
  );
  const project = rows[0];
  if (!project) throw new Error("the e2e project is missing");
  const userId = randomUUID();
  const membershipId = randomUUID();
  await db.query(`INSERT INTO "User" ("id", "email", "passwordHash", "updatedAt") VALUES ($1, $2, $3, now())`, [
    userId,
    user.email,
    await hashPassword(user.password),
  ]);
  await db.query(
    `INSERT INTO "OrganizationMembership" ("id", "organizationId", "userId", "role", "updatedAt") VALUES ($1, $2, $3, 'MEMBER', now())`,
    [membershipId, project.organizationId, userId],
  );
  await db.query(
    `INSERT INTO "ProjectMembership" ("projectId", "userId", "orgMembershipId", "role", "updatedAt") VALUES ($1, $2, $3, $4, now())`,
    [project.id, userId, membershipId, role],
  );
  return { ...user, projectId: project.id };
}

/**
 * An organization of its own whose single OWNER is a new person (so the last-owner rule and who sees what
 * are the spec's to show), with the named projects, oldest first. `owner` may be an existing user's id to
 * give them another organization.
 */
export async function ownOrganization(db: pg.Pool, options: { projects?: string[]; owner?: { id: string }; label?: string } = {}) {
  const suffix = randomUUID().slice(0, 8);
  const owner = { email: `owner-${suffix}@loupe.test`, password: "owner-password-1", id: options.owner?.id ?? randomUUID() };
  const orgId = randomUUID();
  const name = `${options.label ?? "Members Org"} ${suffix}`;
  await db.query(`INSERT INTO "Organization" ("id", "name", "updatedAt") VALUES ($1, $2, now())`, [orgId, name]);
  const projectIds: string[] = [];
  for (const [i, projectName] of (options.projects ?? ["Members Project"]).entries()) {
    const id = randomUUID();
    // Distinct creation instants keep "oldest first" (where sign-in lands) stable.
    await db.query(
      `INSERT INTO "Project" ("id", "organizationId", "name", "createdAt", "updatedAt") VALUES ($1, $2, $3, now() + make_interval(secs => $4), now())`,
      [id, orgId, projectName, i],
    );
    projectIds.push(id);
  }
  if (!options.owner) {
    await db.query(`INSERT INTO "User" ("id", "email", "name", "passwordHash", "updatedAt") VALUES ($1, $2, 'Olga Owner', $3, now())`, [
      owner.id,
      owner.email,
      await hashPassword(owner.password),
    ]);
  }
  await db.query(
    `INSERT INTO "OrganizationMembership" ("id", "organizationId", "userId", "role", "updatedAt") VALUES ($1, $2, $3, 'OWNER', now())`,
    [randomUUID(), orgId, owner.id],
  );
  return { owner, organization: { id: orgId, name }, projectId: projectIds[0] as string, projectIds, suffix };
}

/** The project id in the current page's URL (sign-in lands on the project's traces). */
export const projectIdOf = (page: Page) => /\/project\/([^/?]+)/.exec(page.url())?.[1] as string;

/** Screenshots to look at after a run (test-results/ at the repo root). */
export const shot = (name: string) => path.resolve(import.meta.dirname, "../../../test-results/screenshots", `${name}.png`);

/** Screenshots of the current page in light and dark, 1440 and 800 px wide (`<name>-<theme>-<width>.png`). */
export async function shotsAllThemesAndWidths(page: Page, name: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator("html")).toHaveClass(colorScheme === "dark" ? /dark/ : /^(?!.*dark)/);
    for (const width of [1440, 800]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: shot(`${name}-${colorScheme}-${width}`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** The Origin a Loupe page's own fetch sends: internal API mutations without it are refused (CSRF check). */
export const fromLoupePage = { origin: E2E_BASE_URL };

export const basicAuth = (publicKey = E2E_KEYS.publicKey, secretKey = E2E_KEYS.secretKey) =>
  `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString("base64")}`;

export async function signIn(page: Page, user = E2E_USER) {
  await page.goto("/auth/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/project\/[^/]+\/traces/);
}

/** Sends score-create events through the ingestion API (the worker stores them a moment later). */
export async function sendScores(
  request: APIRequestContext,
  scores: {
    traceId: string;
    name: string;
    value: number | string;
    dataType: "NUMERIC" | "CATEGORICAL" | "BOOLEAN";
    observationId?: string;
  }[],
) {
  const batch = scores.map((body) => ({
    id: randomUUID(),
    type: "score-create",
    timestamp: new Date().toISOString(),
    body: { id: randomUUID(), ...body },
  }));
  const res = await request.post("/api/public/ingestion", { data: { batch }, headers: { authorization: basicAuth() } });
  expect(res.status()).toBe(207);
  expect((await res.json()).errors).toEqual([]);
}

/** Sends a trace shaped like an agent run: root span → retriever + generation (+ nested tool). */
export async function sendAgentTrace(
  request: APIRequestContext,
  opts: { name?: string; input?: unknown; output?: unknown; auth?: string; userId?: string; sessionId?: string; startedAt?: number } = {},
) {
  const traceId = randomUUID();
  const root = randomUUID();
  const gen = randomUUID();
  const t0 = opts.startedAt ?? Date.now() - 5000;
  const at = (ms: number) => new Date(t0 + ms).toISOString();
  const ev = (type: string, body: Record<string, unknown>, ms: number) => ({ id: randomUUID(), type, timestamp: at(ms), body });
  const batch = [
    ev(
      "trace-create",
      {
        id: traceId,
        name: opts.name ?? "support-agent",
        timestamp: at(0),
        userId: opts.userId ?? "user-42",
        sessionId: opts.sessionId ?? "session-7",
        input: opts.input ?? { question: "Where is my order?" },
        output: opts.output ?? { answer: "It ships tomorrow." },
        tags: ["production", "agent"],
      },
      0,
    ),
    ev("span-create", { id: root, traceId, name: "handle-request", startTime: at(0), endTime: at(2400) }, 1),
    ev(
      "retriever-create",
      {
        id: randomUUID(),
        traceId,
        parentObservationId: root,
        name: "search-orders",
        startTime: at(50),
        endTime: at(300),
        input: { query: "order status" },
      },
      2,
    ),
    ev(
      "generation-create",
      {
        id: gen,
        traceId,
        parentObservationId: root,
        name: "answer",
        model: "gpt-4o",
        startTime: at(320),
        completionStartTime: at(700),
        endTime: at(2300),
        input: [{ role: "user", content: "Where is my order?" }],
        output: { role: "assistant", content: "It ships tomorrow." },
        usageDetails: { input: 1200, output: 300 },
        modelParameters: { temperature: 0.2 },
      },
      3,
    ),
    ev(
      "tool-create",
      { id: randomUUID(), traceId, parentObservationId: gen, name: "lookup_order", startTime: at(400), endTime: at(600) },
      4,
    ),
  ];
  const res = await request.post("/api/public/ingestion", { data: { batch }, headers: { authorization: opts.auth ?? basicAuth() } });
  expect(res.status()).toBe(207);
  const body = await res.json();
  expect(body.errors).toEqual([]);
  return { traceId, generationId: gen };
}
