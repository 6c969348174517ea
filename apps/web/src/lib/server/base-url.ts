import "server-only";
import type { NextRequest } from "next/server";
import { webEnv } from "./env";

/** Loupe's public base URL: NEXTAUTH_URL, else the origin the request came to (development). */
export function baseUrlOf(req: NextRequest): string {
  return (webEnv().NEXTAUTH_URL ?? req.nextUrl.origin).replace(/\/$/, "");
}
