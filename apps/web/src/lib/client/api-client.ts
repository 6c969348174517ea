import { ZProblem } from "@loupe/contracts";
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
    const problem = ZProblem.safeParse(await res.json().catch(() => null));
    if (!problem.success) throw new ApiError(res.status, `Request failed (${res.status})`);
    throw new ApiError(res.status, problem.data.title, problem.data.invalid_params);
  }
  if (res.status === 204) return schema.parse(undefined);
  return schema.parse(await res.json());
}

/** The base URL of a project's internal API routes. */
export const projectApi = (projectId: string) => `/api/internal/projects/${encodeURIComponent(projectId)}`;
