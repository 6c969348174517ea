import { type NextRequest, NextResponse } from "next/server";
import { webEnv } from "@/lib/server/env";
import { PAGE_PATH_HEADER } from "@/lib/server/page-path";
import { pageSecurityHeaders } from "@/lib/server/security-headers";

/** A fresh CSP nonce for every page request; Next reads it from the request's CSP header. */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const env = webEnv();
  const headers = pageSecurityHeaders({
    nonce,
    https: env.NEXTAUTH_URL?.startsWith("https://") ?? false,
    dev: env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // The page's own path and query, so a signed-out visit can return here after sign-in (layouts see no URL).
  requestHeaders.set(PAGE_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  requestHeaders.set("content-security-policy", headers["content-security-policy"] as string);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: API routes answer JSON (media downloads set their own sandbox CSP), /metrics is text for
  // Prometheus, static assets need none.
  matcher: [
    {
      source: "/((?!api/|metrics|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
