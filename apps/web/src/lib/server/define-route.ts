import "server-only";
import { randomUUID } from "node:crypto";
import type { Role, TProblem } from "@loupe/contracts";
import {
  type ApiKeyScope,
  type AuditContext,
  asClientError,
  auditClientIp,
  type Capability,
  capabilityFor,
  type LadderRole,
  logger,
  requireOrganizationAccess,
  requireProjectAccess,
} from "@loupe/server";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import {
  authenticateApiKey,
  authenticateOrganizationKey,
  bearerKeyPairAsBasic,
  CORS_HEADERS,
  type PublicAnswer,
  publicErrorAnswer,
  publicErrorBody,
  searchParamsObject,
} from "../../node-server/public-api";
import { getSessionUser, type SessionUser } from "./auth";
import { webEnv } from "./env";
import { observeHttpRequest, routePattern } from "./metrics";
import { BodyRefused, parseJsonBody, readBodyBytes } from "../../node-server/read-body";

/**
 * Every route handler goes through defineRoute: it authenticates, parses params/query/body with zod,
 * adds a request id, and maps errors to the caller's error shape. Public (SDK) routes answer in
 * Langfuse's shapes; internal (UI) routes answer problem+json (RFC 9457, `ZProblem`). Internal
 * mutations must come from Loupe's own pages (checkBrowserOrigin). With a `response` schema, the
 * JSON a route answers is checked against its contract in tests and development.
 */
/**
 * Project routes name what they need: a capability of the map in `@loupe/domain` (`can: "traces:read"`),
 * or a rung of the role ladder (`minRole: "MEMBER"`); neither means `project:read` (VIEWER and up), so a
 * route an ANNOTATOR may use must say so.
 */
type AuthSpec =
  | { kind: "none" }
  | { kind: "apiKey"; scopes?: ApiKeyScope[] }
  /** Langfuse's admin endpoints: an organization API key (Basic auth); project keys are refused with 403. */
  | {
      kind: "organizationKey";
      /** Also take the key pair as a bearer token (SCIM: Entra ID sends only "Bearer <secret token>"). */
      bearerKeyPair?: boolean;
    }
  | { kind: "session" }
  | { kind: "project"; minRole?: LadderRole; can?: Capability }
  /** Organization routes (`[organizationId]` segment): the capability is checked against the caller's organization role. */
  | { kind: "organization"; can: Capability };

type AuthContext<A extends AuthSpec> = A extends { kind: "apiKey" }
  ? { projectId: string; scope: ApiKeyScope; apiKeyId: string; audit: AuditContext }
  : A extends { kind: "organizationKey" }
    ? { organizationId: string; apiKeyId: string; audit: AuditContext }
    : A extends { kind: "session" }
      ? { user: SessionUser; audit: AuditContext }
      : A extends { kind: "project" }
        ? { user: SessionUser; projectId: string; role: Role; audit: AuditContext }
        : A extends { kind: "organization" }
          ? { user: SessionUser; organizationId: string; role: Role; audit: AuditContext }
          : Record<string, never>;

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

type RouteSpec<A extends AuthSpec, P, Q, B, R extends boolean, S> = {
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /** The contract of a successful JSON answer; checked when `webEnv().checkResponses` (tests, development). */
  response?: S;
  /** Hand the handler the unparsed body bytes (OTLP protobuf, gzip) instead of parsing JSON; same size limit. */
  rawBody?: R;
  maxBodyBytes?: number | (() => number);
  /**
   * Skip the CSRF check: only for an endpoint another site posts to by design (the SAML ACS, posted by the
   * IdP's page), which authenticates the request itself (a signed assertion) and acts on no session.
   */
  allowCrossSite?: true;
  /** Public API error shape for auth failures on ingestion ({error:"UnauthorizedError", message}). */
  authErrorName?: string;
  /**
   * Answers every error of the route (authentication, input, thrown, 500) in another wire shape than
   * Langfuse's, e.g. SCIM's (`scimErrorResponse`). `code` is the DomainError's code, or the request id of a 500.
   */
  errorAnswer?: ErrorAnswer;
  handler: (ctx: {
    req: NextRequest;
    requestId: string;
    params: Infer<P>;
    query: Infer<Q>;
    body: Infer<B>;
    rawBody: R extends true ? Buffer : undefined;
    auth: AuthContext<A>;
  }) => Promise<Response | (S extends z.ZodType ? z.input<S> : unknown)>;
};

export type ErrorAnswer = (status: number, message: string, extra: { code?: string; issues?: z.core.$ZodIssue[] }) => Response;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), { status, headers: { "content-type": "application/json", ...headers } });
}

/** A public answer (shared with the Node server's hot routes) as a route file's Response. */
export const answerResponse = (answer: PublicAnswer): Response =>
  new Response(answer.body, { status: answer.status, headers: { ...answer.headers, "content-type": "application/json" } });

async function readRawBody(req: NextRequest, maxBytes: number): Promise<Buffer> {
  return readBodyBytes(req.body as AsyncIterable<Uint8Array> | null, req.headers.get("content-length"), maxBytes);
}

async function readJsonBody(req: NextRequest, maxBytes: number): Promise<unknown> {
  return parseJsonBody(await readRawBody(req, maxBytes));
}

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF defence for the browser API (everything outside /api/public). The session cookie travels with
 * any request a browser sends, so a mutation must prove it comes from Loupe's own pages: its Origin
 * (or, when a browser omits Origin, `Sec-Fetch-Site: same-origin`) is NEXTAUTH_URL's origin, and a
 * body is JSON (a page elsewhere can send text/plain or a form without a CORS preflight, never JSON).
 * Returns why the request is refused, or null.
 */
export function refuseCrossSiteMutation(req: NextRequest, declaresBody: boolean): string | null {
  if (!MUTATIONS.has(req.method)) return null;
  const configured = webEnv().NEXTAUTH_URL;
  const expected = configured ? new URL(configured).origin : req.nextUrl.origin;
  const origin = req.headers.get("origin");
  const sameOrigin = origin !== null ? origin === expected : req.headers.get("sec-fetch-site") === "same-origin";
  if (!sameOrigin) return `Cross-site request refused: ${origin ?? "a request without Origin"} is not ${expected}`;
  const carriesBody = declaresBody || Number(req.headers.get("content-length") ?? "0") > 0 || req.headers.has("transfer-encoding");
  const mediaType = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (carriesBody && mediaType !== "application/json") return "Request body must be sent as Content-Type: application/json";
  return null;
}

export function defineRoute<
  A extends AuthSpec,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends boolean = false,
  S extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<A, P, Q, B, R, S>) {
  // /api/public/* answers in Langfuse's shapes, everything else in ZProblem. A route file lives under
  // one of the two, so its first request decides.
  let isPublic: boolean | undefined;

  const errorResponse = (status: number, message: string, extra: { code?: string; issues?: z.core.$ZodIssue[]; body?: unknown } = {}) => {
    if (extra.body !== undefined) return json(extra.body, status);
    if (spec.errorAnswer) return spec.errorAnswer(status, message, extra);
    if (isPublic) return json(publicErrorBody(message, extra), status);
    const problem: TProblem = {
      type: "about:blank",
      title: message,
      status,
      ...(extra.issues ? { invalid_params: extra.issues.map((i) => ({ name: i.path.join("."), reason: i.message })) } : {}),
    };
    return json(problem, status, { "content-type": "application/problem+json" });
  };

  // `spec` rides along so tests can enumerate every route's auth, params, query and body (hostile-input test).
  const handle = async (req: NextRequest, ctx: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
    const started = Date.now();
    isPublic ??= req.nextUrl.pathname.startsWith("/api/public/");
    let response: Response;
    try {
      const refused = isPublic || spec.allowCrossSite ? null : refuseCrossSiteMutation(req, spec.body !== undefined);
      response = refused ? errorResponse(403, refused) : await run(req, ctx, requestId);
      if (spec.response && webEnv().checkResponses) response = await checkResponse(spec.response, response, requestId);
    } catch (error) {
      response = toErrorResponse(error, requestId);
    }
    const headers = new Headers(response.headers);
    headers.set("x-request-id", requestId);
    if (isPublic) for (const [k, v] of Object.entries(CORS_HEADERS)) headers.set(k, v);
    const params = (await Promise.resolve(ctx?.params).catch(() => undefined)) ?? {};
    observeHttpRequest(routePattern(req.nextUrl.pathname, params), req.method, response.status, (Date.now() - started) / 1000);
    const level = response.status >= 500 ? "error" : "info";
    logger[level](
      { requestId, method: req.method, path: req.nextUrl.pathname, status: response.status, ms: Date.now() - started },
      "request",
    );
    return new Response(response.body, { status: response.status, headers });
  };
  return Object.assign(handle, { spec });

  function toErrorResponse(error: unknown, requestId: string): Response {
    if (error instanceof HttpError) return errorResponse(error.status, error.message, { body: error.body });
    if (error instanceof BodyRefused) return errorResponse(error.status, error.message);
    if (isPublic && !spec.errorAnswer) return answerResponse(publicErrorAnswer(error, requestId));
    const clientError = asClientError(error);
    if (clientError) return errorResponse(clientError.status, clientError.message, { code: clientError.code });
    logger.error(
      { requestId, err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) },
      "unhandled error",
    );
    return errorResponse(500, "Internal Server Error", { code: `request ${requestId}` });
  }

  /** An authentication refusal: Langfuse's answer, or its message in the route's own error shape. */
  function refusal(answer: PublicAnswer): Response {
    if (!spec.errorAnswer) return answerResponse(answer);
    return spec.errorAnswer(answer.status, (JSON.parse(answer.body) as { message: string }).message, {});
  }

  /** Fails loudly (500 + log) when a successful JSON answer does not parse with the route's contract. */
  async function checkResponse(schema: z.ZodType, response: Response, requestId: string): Promise<Response> {
    if (response.status >= 300 || !response.headers.get("content-type")?.includes("json")) return response;
    const parsed = schema.safeParse(await response.clone().json());
    if (parsed.success) return response;
    logger.error({ requestId, issues: parsed.error.issues }, "response does not match its contract");
    return errorResponse(500, "Response does not match its contract", { issues: parsed.error.issues });
  }

  async function run(req: NextRequest, ctx: { params: Promise<Record<string, string>> }, requestId: string): Promise<Response> {
    let auth: Record<string, unknown> = {};
    if (spec.auth.kind === "apiKey") {
      const authenticated = await authenticateApiKey(req.headers.get("authorization"), spec.auth.scopes, spec.authErrorName);
      if (!authenticated.ok) return answerResponse(authenticated.answer);
      const { publicKey, ...key } = authenticated.auth;
      auth = { ...key, audit: { actor: { type: "apiKey" as const, publicKey }, ip: auditIp(req) } };
    } else if (spec.auth.kind === "organizationKey") {
      const header = req.headers.get("authorization");
      const authenticated = await authenticateOrganizationKey(spec.auth.bearerKeyPair ? bearerKeyPairAsBasic(header) : header);
      if (!authenticated.ok) return refusal(authenticated.answer);
      const { publicKey, ...key } = authenticated.auth;
      auth = { ...key, audit: { actor: { type: "organizationKey" as const, publicKey }, ip: auditIp(req) } };
    } else if (spec.auth.kind === "session" || spec.auth.kind === "project" || spec.auth.kind === "organization") {
      const user = await getSessionUser();
      if (!user) return errorResponse(401, "Sign in to continue");
      auth = { user, audit: { actor: { type: "user", id: user.id, email: user.email }, ip: auditIp(req) } };
    }

    const rawParams = await ctx.params;
    // The role is checked before any other input is read, so a refused caller learns nothing from a 400.
    if (spec.auth.kind === "project") {
      const projectId = (rawParams as { projectId?: string }).projectId;
      if (!projectId) throw new Error("project routes need a [projectId] segment");
      const role = await requireProjectAccess((auth.user as SessionUser).id, projectId, capabilityFor(spec.auth));
      auth = { ...auth, projectId, role };
    }
    if (spec.auth.kind === "organization") {
      const organizationId = (rawParams as { organizationId?: string }).organizationId;
      if (!organizationId) throw new Error("organization routes need an [organizationId] segment");
      const role = await requireOrganizationAccess((auth.user as SessionUser).id, organizationId, spec.auth.can);
      auth = { ...auth, organizationId, role };
    }
    const params = spec.params ? spec.params.safeParse(rawParams) : { success: true as const, data: undefined };
    if (!params.success) return errorResponse(400, "Invalid request data", { issues: params.error.issues });
    const query = spec.query
      ? spec.query.safeParse(searchParamsObject(req.nextUrl.searchParams))
      : { success: true as const, data: undefined };
    if (!query.success) return errorResponse(400, "Invalid request data", { issues: query.error.issues });
    let body: unknown;
    let rawBody: Buffer | undefined;
    const limit = typeof spec.maxBodyBytes === "function" ? spec.maxBodyBytes() : (spec.maxBodyBytes ?? 1_000_000);
    if (spec.rawBody) rawBody = await readRawBody(req, limit);
    else if (spec.body) {
      const parsed = spec.body.safeParse(await readJsonBody(req, limit));
      if (!parsed.success) return errorResponse(400, "Invalid request data", { issues: parsed.error.issues });
      body = parsed.data;
    }
    const result = await spec.handler({
      req,
      requestId,
      params: params.data as Infer<P>,
      query: query.data as Infer<Q>,
      body: body as Infer<B>,
      rawBody: rawBody as R extends true ? Buffer : undefined,
      auth: auth as AuthContext<A>,
    });
    return result instanceof Response ? result : json(result);
  }
}

/** Who made a change and from where, handed to services that write the audit log. */
const auditIp = (req: NextRequest) => auditClientIp(req.headers.get("x-forwarded-for"));

/** CORS preflight for the public API (browser SDKs). */
export function corsPreflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}
