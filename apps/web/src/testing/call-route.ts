import { createRequire } from "node:module";
import { NextRequest } from "next/server";

// Loaded with Node's own require, so they are the very module instances next-auth's `next/headers`
// reads (an import through the test runner would make a second store nobody reads). Test files import
// ./next-environment first, before anything loads Next.
const require = createRequire(import.meta.url);
const { workUnitAsyncStorage } = require("next/dist/server/app-render/work-unit-async-storage.external.js") as {
  workUnitAsyncStorage: { run<T>(store: unknown, fn: () => T): T };
};
const { workAsyncStorage } = require("next/dist/server/app-render/work-async-storage.external.js") as {
  workAsyncStorage: { run<T>(store: unknown, fn: () => T): T };
};
const { createRequestStoreForAPI } = require("next/dist/server/async-storage/request-store.js") as {
  createRequestStoreForAPI: (req: NextRequest, url: URL, ...rest: undefined[]) => unknown;
};
const { createWorkStore } = require("next/dist/server/async-storage/work-store.js") as {
  createWorkStore: (context: {
    page: string;
    renderOpts: Record<string, unknown>;
    buildId: string;
    previouslyRevalidatedTags: string[];
  }) => unknown;
};

/**
 * Calls a route module's handler in-process the way Next's app-route module does: inside a request
 * store, so `headers()` and `cookies()` (next-auth's getServerSession) read this request's cookie.
 * Test-only use of two Next internals; if Next moves them, every test through here fails at import.
 */
export type RouteHandler = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export async function callRoute(
  handler: RouteHandler,
  input: { url: string; method?: string; headers?: Record<string, string>; body?: BodyInit; params?: Record<string, string | string[]> },
): Promise<Response> {
  // As a page of Loupe calls its API: the browser marks such a fetch same-origin (the internal API's
  // cross-site check refuses mutations without it). A test passes its own Origin to play a foreign page.
  const headers = { "sec-fetch-site": "same-origin", ...input.headers };
  const req = new NextRequest(input.url, { method: input.method ?? "GET", headers, body: input.body });
  const requestStore = createRequestStoreForAPI(req, req.nextUrl);
  const workStore = createWorkStore({
    page: req.nextUrl.pathname,
    renderOpts: { experimental: {} },
    buildId: "test",
    previouslyRevalidatedTags: [],
  });
  return workUnitAsyncStorage.run(requestStore, () =>
    workAsyncStorage.run(workStore, () => handler(req, { params: Promise.resolve(input.params ?? {}) })),
  );
}

/** Signs in through the real next-auth route (CSRF token, then the credentials callback) and returns the Cookie header. */
export async function signInCookie(
  nextAuth: { GET: RouteHandler; POST: RouteHandler },
  base: string,
  credentials: { email: string; password: string },
): Promise<string> {
  const csrf = await callRoute(nextAuth.GET, { url: `${base}/api/auth/csrf`, params: { nextauth: ["csrf"] } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = cookiesOf(csrf);
  const signIn = await callRoute(nextAuth.POST, {
    url: `${base}/api/auth/callback/credentials`,
    method: "POST",
    params: { nextauth: ["callback", "credentials"] },
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: credentials.email, password: credentials.password, json: "true" }).toString(),
  });
  const session = cookiesOf(signIn);
  if (!session.includes("session-token")) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  return session;
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** A user who owns a fresh organization and project, signed in (Cookie header), and an API key pair of that project. */
export async function createSignedInTenant(nextAuth: { GET: RouteHandler; POST: RouteHandler }, base: string) {
  const { createOrganizationForUser, createProjectApiKey, signUpWithPassword } = await import("@loupe/server");
  const email = `tenant-${crypto.randomUUID()}@example.com`;
  const password = "correct-horse-battery";
  const user = await signUpWithPassword({ email, password });
  const system = { actor: { type: "system" as const }, ip: null };
  const { projectId, organizationId } = await createOrganizationForUser(
    user,
    { organizationName: "Test org", projectName: "Test project" },
    system,
  );
  const key = await createProjectApiKey(projectId, {}, system);
  const basic = `Basic ${Buffer.from(`${key.publicKey}:${key.secretKey}`).toString("base64")}`;
  const cookie = await signInCookie(nextAuth, base, { email, password });
  return { projectId, organizationId, userId: user.id, basic, cookie };
}

/** Another user in the tenant's organization with `role`, signed in (Cookie header). */
export async function addSignedInMember(
  nextAuth: { GET: RouteHandler; POST: RouteHandler },
  base: string,
  projectId: string,
  role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER" | "ANNOTATOR" | "NONE",
) {
  const { signUpWithPassword } = await import("@loupe/server");
  const { getProjectWithOrganization, upsertOrganizationMembership } = await import("@loupe/db");
  const email = `${role.toLowerCase()}-${crypto.randomUUID()}@example.com`;
  const password = "correct-horse-battery";
  const user = await signUpWithPassword({ email, password });
  const project = await getProjectWithOrganization(projectId);
  if (!project) throw new Error(`no project ${projectId}`);
  await upsertOrganizationMembership(project.organization.id, user.id, role);
  return { userId: user.id, email, cookie: await signInCookie(nextAuth, base, { email, password }) };
}

/** Traces (each with one generation) stored and merged as the worker would: ingestion route, then process-batch. */
export async function seedTraces(
  ingestion: RouteHandler,
  base: string,
  basic: string,
  traces: { id: string; name?: string; sessionId?: string; observationId?: string }[],
) {
  const { prisma } = await import("@loupe/db");
  const { processIngestionBatch } = await import("@loupe/server");
  const now = new Date().toISOString();
  const event = (type: string, body: Record<string, unknown>) => ({ id: crypto.randomUUID(), type, timestamp: now, body });
  const batch = traces.flatMap((t) => [
    event("trace-create", {
      id: t.id,
      name: t.name ?? "chat",
      sessionId: t.sessionId,
      input: { q: `question ${t.id}` },
      output: "answer",
      timestamp: now,
    }),
    ...(t.observationId
      ? [event("generation-create", { id: t.observationId, traceId: t.id, name: "llm", startTime: now, input: "hi", output: "hello" })]
      : []),
  ]);
  const response = await callRoute(ingestion, {
    url: `${base}/api/public/ingestion`,
    method: "POST",
    headers: { authorization: basic, "content-type": "application/json" },
    body: JSON.stringify({ batch }),
  });
  if (response.status !== 207) throw new Error(`ingestion answered ${response.status}`);
  const projectId = (
    await prisma.apiKey.findFirst({ where: { publicKey: Buffer.from(basic.slice(6), "base64").toString().split(":")[0] } })
  )?.projectId;
  for (const b of await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } })) await processIngestionBatch(b.id);
}
