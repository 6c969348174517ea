import { type ApiKeyScope, asClientError, logger, verifyAuthorizationHeader } from "@loupe/server";
import type { z } from "zod";

// What every /api/public answer shares, whether defineRoute (inside Next) or the Node server in front of
// Next (./hot-routes.ts) answers it: CORS, Langfuse's error shapes, API-key authentication.

export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": "*",
  "Access-Control-Max-Age": "86400",
};

/** DomainError codes → the error names Langfuse SDKs see on public routes (langfuse-api.md §1.1). */
const PUBLIC_ERROR_NAMES: Record<string, string> = {
  NotFound: "LangfuseNotFoundError",
  InvalidRequest: "InvalidRequestError",
  Forbidden: "ForbiddenError",
  Unauthorized: "UnauthorizedError",
  Conflict: "ConflictError",
};

/** A public API answer before it becomes a Response (Next) or is written to a ServerResponse (Node). */
export type PublicAnswer = { status: number; body: string; headers?: Record<string, string> };

export function jsonAnswer(data: unknown, status = 200): PublicAnswer {
  return { status, body: JSON.stringify(data) };
}

/** Langfuse's error body: `{ message, error }` with zod issues or the error's name. */
export function publicErrorBody(message: string, extra: { code?: string; issues?: z.core.$ZodIssue[] } = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { message };
  if (extra.issues) body.error = extra.issues;
  else if (extra.code) body.error = PUBLIC_ERROR_NAMES[extra.code] ?? extra.code;
  return body;
}

export type ApiKeyAuthentication =
  | { ok: true; auth: { projectId: string; scope: ApiKeyScope; apiKeyId: string; publicKey: string } }
  | { ok: false; answer: PublicAnswer };

/** Checks `Authorization` (Basic public:secret, or Bearer) and that the key's scope may use the route. */
export async function authenticateApiKey(
  header: string | null | undefined,
  scopes: ApiKeyScope[] = ["project"],
  authErrorName?: string,
): Promise<ApiKeyAuthentication> {
  const result = await verifyAuthorizationHeader(header);
  if (!result.ok) {
    const body = authErrorName ? { error: authErrorName, message: result.message } : { message: result.message };
    return { ok: false, answer: jsonAnswer(body, 401) };
  }
  // An organization key reaches no project data (Langfuse answers the same).
  if (result.scope === "organization") {
    return { ok: false, answer: jsonAnswer({ message: "Invalid API key. Project-scoped API key required for this operation." }, 403) };
  }
  if (!scopes.includes(result.scope)) {
    return { ok: false, answer: jsonAnswer({ message: "Access denied - insufficient permissions for this endpoint" }, 403) };
  }
  return { ok: true, auth: { projectId: result.projectId, scope: result.scope, apiKeyId: result.apiKeyId, publicKey: result.publicKey } };
}

export type OrganizationKeyAuthentication =
  | { ok: true; auth: { organizationId: string; apiKeyId: string; publicKey: string } }
  | { ok: false; answer: PublicAnswer };

/** The admin endpoints: Basic auth with an organization key; a project key is refused with 403 (Langfuse's message). */
/**
 * SCIM clients that send only a bearer token (Entra ID's "Secret Token") carry the organization key pair in
 * it: `pk-lf-…:sk-lf-…`, or that text base64-encoded (what Basic auth sends). Anything else, a public key
 * alone in particular, is passed on unchanged and refused as before.
 */
export function bearerKeyPairAsBasic(header: string | null): string | null {
  const token = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? "")?.[1];
  if (!token) return header;
  const pair = token.includes(":") ? token : Buffer.from(token, "base64").toString("utf8");
  return /^pk-lf-[^:\s]+:sk-lf-\S+$/.test(pair) ? `Basic ${Buffer.from(pair).toString("base64")}` : header;
}

export async function authenticateOrganizationKey(header: string | null | undefined): Promise<OrganizationKeyAuthentication> {
  const result = await verifyAuthorizationHeader(header);
  if (!result.ok) return { ok: false, answer: jsonAnswer({ message: result.message }, 401) };
  if (result.scope !== "organization") {
    return {
      ok: false,
      answer: jsonAnswer({ message: "Invalid API key. Organization-scoped API key required for this operation." }, 403),
    };
  }
  return { ok: true, auth: { organizationId: result.organizationId, apiKeyId: result.apiKeyId, publicKey: result.publicKey } };
}

/** A thrown error as the caller's 4xx (asClientError), or a logged 500 naming the request id. */
export function publicErrorAnswer(error: unknown, requestId: string): PublicAnswer {
  const clientError = asClientError(error);
  if (clientError) return jsonAnswer(publicErrorBody(clientError.message, { code: clientError.code }), clientError.status);
  logger.error(
    { requestId, err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) },
    "unhandled error",
  );
  return jsonAnswer(publicErrorBody("Internal Server Error", { code: `request ${requestId}` }), 500);
}

/** Query parameters as zod sees them: a repeated key becomes an array. */
export function searchParamsObject(searchParams: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(searchParams.keys())) {
    const all = searchParams.getAll(key);
    out[key] = all.length > 1 ? all : (all[0] as string);
  }
  return out;
}
