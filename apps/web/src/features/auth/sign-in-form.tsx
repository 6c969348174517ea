"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field, Input } from "@/components/ui/input";
import { safeCallbackPath } from "@/lib/shared/safe-callback";
import { type SignInOptions, signInErrorMessage } from "./sign-in-options";
import { SsoButtons, startSso } from "./sso-buttons";

const domainOf = (email: string) =>
  email
    .slice(email.lastIndexOf("@") + 1)
    .trim()
    .toLowerCase();

function Form({ options }: { options: SignInOptions }) {
  const router = useRouter();
  const params = useSearchParams();
  // Only same-origin paths: an open redirect after sign-in would be a phishing aid.
  const callbackUrl = safeCallbackPath(params.get("callbackUrl"));
  // A failed SSO round trip comes back as ?error=<code>; it is shown above the SSO buttons.
  const ssoError = signInErrorMessage(params.get("error"));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "");
    if (email.includes("@") && options.ssoEnforcedDomains.includes(domainOf(email))) {
      // The server refuses these passwords too; here the person is sent straight on to SSO.
      const only = options.sso.length === 1 ? options.sso[0] : undefined;
      if (only) {
        setPending(true);
        await startSso(only.id, callbackUrl);
        return;
      }
      setError(`Accounts of ${domainOf(email)} sign in through single sign-on (SSO): use a button above.`);
      return;
    }
    setPending(true);
    const result = await signIn("credentials", { redirect: false, email, password: String(form.get("password") ?? "") });
    setPending(false);
    if (result?.ok && !result.error) {
      router.push(callbackUrl);
      router.refresh();
    } else {
      // "CredentialsSignin" is next-auth's word for a mismatch; anything else is the server's own message.
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Wrong email or password.");
    }
  }

  const noMethod = !options.passwordEnabled && options.sso.length === 0;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">Sign in</h1>
        <p className="text-sm text-muted-foreground">Welcome back. Sign in to your Loupe account.</p>
      </div>
      <FormError message={ssoError} />
      <SsoButtons providers={options.sso} callbackUrl={callbackUrl} />
      {options.passwordEnabled && options.sso.length > 0 && (
        <div className="flex items-center gap-3 text-xs text-muted-foreground">
          <span className="h-px flex-1 bg-border" /> or with email <span className="h-px flex-1 bg-border" />
        </div>
      )}
      {noMethod && (
        <p className="text-sm text-muted-foreground">No sign-in method is configured on this instance. Tell your administrator.</p>
      )}
      {options.passwordEnabled && (
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <Field label="Email" htmlFor="email">
            <Input id="email" name="email" type="email" autoComplete="email" required autoFocus />
          </Field>
          <Field label="Password" htmlFor="password">
            <Input id="password" name="password" type="password" autoComplete="current-password" required />
          </Field>
          <FormError message={error} />
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Signing in…" : "Sign in"}
          </Button>
          {options.passwordResetByEmail && (
            <p className="text-center text-sm">
              <Link href="/auth/forgot-password" className="text-muted-foreground hover:text-foreground hover:underline">
                Forgot your password?
              </Link>
            </p>
          )}
        </form>
      )}
      {options.signupEnabled && options.passwordEnabled && (
        <p className="text-center text-sm text-muted-foreground">
          No account yet?{" "}
          <Link href="/auth/sign-up" className="font-medium text-accent hover:underline">
            Create one
          </Link>
        </p>
      )}
    </div>
  );
}

export function SignInForm({ options }: { options: SignInOptions }) {
  return (
    <Suspense>
      <Form options={options} />
    </Suspense>
  );
}
