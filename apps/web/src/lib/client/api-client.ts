import { ZProblem } from "@loupe/contracts";
import { ZodError, type z } from "zod";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly invalidParams: { name: string; reason: string }[] = [],
  ) {
    super(message);
  }
}

/**
 * Whether asking again can succeed, for every error state's "Try again": no answer (the network), a
 * server error (5xx), a timeout (408) or a rate limit (429). Any other 4xx (a bad filter, no access,
 * not found) is the request's own problem and an answer that does not fit its schema is the code's:
 * the same request fails the same way, so those show their message without a retry.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429;
  return !(error instanceof ZodError);
}

/** Fetches an internal API route and parses the answer with its contract schema. */
export async function apiFetch<S extends z.ZodType>(
  schema: S,
  url: string,
  init: { method?: string; body?: unknown } = {},
): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.body !== undefined ? { "content-type": "application/json" } : undefined,
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    throw new ApiError(0, "Could not reach the Loupe server. Check your connection and try again.");
  }
  if (!res.ok) {
    const problem = ZProblem.safeParse(await res.json().catch(() => null));
    if (!problem.success) throw new ApiError(res.status, `Request failed (${res.status})`);
    throw new ApiError(res.status, problem.data.title, problem.data.invalid_params);
  }
  if (res.status === 204) return schema.parse(undefined);
  return schema.parse(await res.json());
}

/** The base URL of a project's internal API routes. */
export const projectApi = (projectId: string) => `/api/internal/projects/${encodeURIComponent(projectId)}`;
export const organizationApi = (organizationId: string) => `/api/internal/organizations/${encodeURIComponent(organizationId)}`;

/**
 * POSTs to a streaming internal route and yields each newline-delimited JSON event parsed with the
 * contract schema. A non-2xx answer throws ApiError with the route's problem title.
 */
export async function* streamNdjson<S extends z.ZodType>(
  schema: S,
  url: string,
  body: unknown,
  signal?: AbortSignal,
): AsyncGenerator<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, "Could not reach the Loupe server. Check your connection and try again.");
  }
  if (!res.ok || !res.body) {
    const problem = (await res.json().catch(() => null)) as { title?: string; invalid_params?: { name: string; reason: string }[] } | null;
    const detail = problem?.invalid_params?.map((p) => `${p.name}: ${p.reason}`).join("; ");
    throw new ApiError(
      res.status,
      [problem?.title ?? `Request failed (${res.status})`, detail].filter(Boolean).join(" — "),
      problem?.invalid_params,
    );
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield schema.parse(JSON.parse(line));
      newline = buffer.indexOf("\n");
    }
  }
  if (buffer.trim()) yield schema.parse(JSON.parse(buffer));
}
