/**
 * A query the caller built wrongly in a way only the repository can tell (an unknown filter column or
 * metric, a condition type the column does not take). Services answer it as 400 with this message.
 */
export class QueryInputError extends Error {}

/** SQLSTATE and message of a Postgres error raised by a query, through Prisma's driver adapter or pg itself. */
function postgresError(error: unknown): { code: string; message: string } | null {
  if (typeof error !== "object" || error === null) return null;
  const e = error as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };
  const adapter = e.meta?.driverAdapterError as { cause?: { originalCode?: unknown; originalMessage?: unknown } } | undefined;
  const cause = adapter?.cause ?? (e.cause as { originalCode?: unknown; originalMessage?: unknown } | undefined);
  if (typeof cause?.originalCode === "string") return { code: cause.originalCode, message: String(cause.originalMessage ?? "") };
  // pg's DatabaseError (queries outside Prisma) carries the SQLSTATE as a five-character `code`.
  if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.message === "string")
    return { code: e.code, message: e.message };
  return null;
}

/**
 * A Postgres data exception (SQLSTATE class 22: text Postgres cannot hold, a number out of range, input
 * that is not a valid value of its type…). Only a value the caller sent can raise one, so it is the
 * caller's error (400), with Postgres's reason; null for anything else.
 */
export function dataExceptionOf(error: unknown): { code: string; reason: string } | null {
  const pg = postgresError(error);
  if (!pg?.code.startsWith("22")) return null;
  // 22021 (NUL in text) and 22P05 (\u0000 in JSON): say which character, not the encoding detail.
  if (pg.code === "22021" || pg.code === "22P05") return { code: pg.code, reason: "text must not contain NUL characters (U+0000)" };
  return { code: pg.code, reason: pg.message };
}
