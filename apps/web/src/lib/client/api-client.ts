import type { z } from "zod";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly invalidParams: { name: string; reason: string }[] = [],
  ) {
    super(message);
  }
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
    const problem = (await res.json().catch(() => null)) as { title?: string; invalid_params?: { name: string; reason: string }[] } | null;
    throw new ApiError(res.status, problem?.title ?? `Request failed (${res.status})`, problem?.invalid_params);
  }
  if (res.status === 204) return schema.parse(undefined);
  return schema.parse(await res.json());
}

/** The base URL of a project's internal API routes. */
export const projectApi = (projectId: string) => `/api/internal/projects/${encodeURIComponent(projectId)}`;
