"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { Suspense, useEffect, useRef } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { safeCallbackPath } from "@/lib/shared/safe-callback";

/** Redeems the one-time token of a checked SAML answer through next-auth (the `saml` provider), then goes on. */
function Complete() {
  const router = useRouter();
  const params = useSearchParams();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const callbackUrl = safeCallbackPath(params.get("callbackUrl"));
    const token = params.get("token");
    // Opened without the ACS's token (a bookmark, a reload after use): nothing to redeem.
    if (!token) {
      router.replace("/auth/sign-in?error=SamlInvalid");
      return;
    }
    void signIn("saml", { redirect: false, token }).then((result) => {
      if (result?.ok && !result.error) router.replace(callbackUrl);
      // The provider names why (another browser's answer); anything else is an answer that did not check out.
      else router.replace(`/auth/sign-in?error=${result?.error === "SamlOtherBrowser" ? "SamlOtherBrowser" : "SamlInvalid"}`);
      router.refresh();
    });
  }, [params, router]);
  return (
    <div className="space-y-3" aria-busy="true">
      <h1 className="text-lg font-semibold">Signing you in…</h1>
      <Skeleton className="h-9 w-full" />
    </div>
  );
}

export function SamlComplete() {
  return (
    <Suspense>
      <Complete />
    </Suspense>
  );
}
