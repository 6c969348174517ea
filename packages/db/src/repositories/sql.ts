import { Prisma } from "../generated/prisma/client.ts";

/** A JSON value as a jsonb SQL parameter (SQL NULL for null/undefined). */
export function jsonb(value: unknown): Prisma.Sql {
  if (value === undefined || value === null) return Prisma.sql`NULL`;
  return Prisma.sql`${JSON.stringify(value)}::jsonb`;
}
