"use client";

import { KeyRound } from "lucide-react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import type { SignInOptions } from "./sign-in-options";

/** Sends the browser to the provider; SAML runs outside next-auth's OAuth flow, through /api/auth/saml/login. */
export function startSso(providerId: string, callbackUrl: string) {
  if (providerId === "saml") {
    window.location.assign(`/api/auth/saml/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    return Promise.resolve();
  }
  return signIn(providerId, { callbackUrl });
}

/** One button per configured SSO provider; each returns to `callbackUrl` after the identity provider. */
export function SsoButtons({ providers, callbackUrl }: { providers: SignInOptions["sso"]; callbackUrl: string }) {
  if (providers.length === 0) return null;
  return (
    <div className="space-y-2" role="group" aria-label="Single sign-on">
      {providers.map((p) => (
        <Button key={p.id} type="button" variant="secondary" className="w-full" onClick={() => startSso(p.id, callbackUrl)}>
          <KeyRound className="h-4 w-4" aria-hidden />
          Continue with {p.label}
        </Button>
      ))}
    </div>
  );
}
