import { dataExceptionOf, QueryInputError } from "@loupe/db";

/** Typed domain errors; the route wrapper maps them to HTTP statuses. */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
export const notFound = (what: string) => new DomainError(404, `${what} not found`, "NotFound");
export const forbidden = (message = "You do not have access to this project") => new DomainError(403, message, "Forbidden");
export const conflict = (message: string) => new DomainError(409, message, "Conflict");
export const badRequest = (message: string) => new DomainError(400, message, "InvalidRequest");
/** Langfuse's wording for ids that do not exist in the caller's project (never reveals other projects). */
export const notFoundInProject = (what: string, id: string) =>
  new DomainError(404, `${what} ${id} not found within authorized project`, "NotFound");

/** Runs a query whose input the repository checks further (filter columns, metric fields): its QueryInputError answers 400. */
export async function rejectInvalidQuery<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof QueryInputError) throw badRequest(error.message);
    throw error;
  }
}

/**
 * The DomainError an error stands for when the caller's input caused it, else null. The one mapping
 * the route wrapper applies to everything a handler throws: besides DomainErrors, a repository's
 * QueryInputError and any Postgres data exception (SQLSTATE 22xxx: NUL in text, a number out of range,
 * a malformed value) answer 400 with the reason, never 500.
 */
export function asClientError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (error instanceof QueryInputError) return badRequest(error.message);
  const dataException = dataExceptionOf(error);
  if (dataException) return badRequest(`Invalid value in the request: ${dataException.reason}`);
  return null;
}
