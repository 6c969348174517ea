import "server-only";
import { SamlSignInRefused, samlEnv } from "@loupe/server";
import type { NextRequest } from "next/server";
import { safeCallbackPath } from "@/lib/shared/safe-callback";
import { json } from "./define-route";

/** 404 while SAML is not configured, so the endpoints do not exist for instances without it. */
export async function samlOr404(run: () => Promise<Response>): Promise<Response> {
  if (!samlEnv()) return json({ type: "about:blank", title: "SAML sign-in is not configured", status: 404 }, 404);
  return run();
}

/**
 * Where the browser goes after the IdP's answer: to /auth/saml with the one-time token (which signs in
 * through next-auth and goes on to the RelayState path), or to the sign-in page with the refusal's code.
 * 303, so the browser follows with a GET.
 */
export async function samlAnswerRedirect(req: NextRequest, complete: () => Promise<{ token: string; relayState: string }>) {
  return samlOr404(async () => {
    const target = new URL("/auth/sign-in", req.nextUrl.origin);
    try {
      const { token, relayState } = await complete();
      target.pathname = "/auth/saml";
      target.searchParams.set("token", token);
      target.searchParams.set("callbackUrl", safeCallbackPath(relayState));
    } catch (error) {
      if (!(error instanceof SamlSignInRefused)) throw error;
      target.searchParams.set("error", error.code);
    }
    return new Response(null, { status: 303, headers: { location: `${target.pathname}${target.search}` } });
  });
}
