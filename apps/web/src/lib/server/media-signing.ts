import "server-only";
import type { SigningContext } from "@loupe/server";
import type { NextRequest } from "next/server";
import { webEnv } from "./env";

/** Signed media URLs point at this server's public URL and use a key derived from the auth secret. */
export function mediaSigning(req: NextRequest): SigningContext {
  const env = webEnv();
  return { baseUrl: (env.NEXTAUTH_URL ?? req.nextUrl.origin).replace(/\/$/, ""), secret: `media:${env.NEXTAUTH_SECRET}` };
}
