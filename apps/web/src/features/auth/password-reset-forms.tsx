"use client";

import {
  ZPasswordResetConfirmBody,
  ZPasswordResetConfirmResponse,
  ZPasswordResetRequestBody,
  ZPasswordResetRequestResponse,
} from "@loupe/contracts";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field, Input } from "@/components/ui/input";
import { apiFetch } from "@/lib/client/api-client";
import { useZodForm } from "@/lib/client/use-zod-form";

const BackToSignIn = () => (
  <Link href="/auth/sign-in" className="block text-center text-sm font-medium text-accent hover:underline">
    Back to sign-in
  </Link>
);

/** "Forgot your password?": asks for a reset link by email (the answer is the same for every address). */
export function ForgotPasswordForm() {
  const [sent, setSent] = useState<string | null>(null);
  const { errors, formError, pending, onSubmit } = useZodForm(
    ZPasswordResetRequestBody,
    async (body) => {
      setSent((await apiFetch(ZPasswordResetRequestResponse, "/api/internal/password-reset", { method: "POST", body })).message);
    },
    "Could not send the reset link.",
  );
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <h1 className="text-lg font-semibold">Reset your password</h1>
        <p className="text-sm text-muted-foreground">We mail you a link to set a new one.</p>
      </div>
      {sent ? (
        <p role="status" className="rounded-md bg-muted px-3 py-2 text-sm">
          {sent}
        </p>
      ) : (
        <>
          <Field label="Email" htmlFor="email" error={errors.email}>
            <Input id="email" name="email" type="email" autoComplete="email" required autoFocus />
          </Field>
          <FormError message={formError} />
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Sending…" : "Send reset link"}
          </Button>
        </>
      )}
      <BackToSignIn />
    </form>
  );
}

function ResetForm() {
  const token = useSearchParams().get("token") ?? "";
  const [done, setDone] = useState<string | null>(null);
  const { errors, formError, pending, onSubmit } = useZodForm(
    ZPasswordResetConfirmBody,
    async (body) => {
      setDone((await apiFetch(ZPasswordResetConfirmResponse, "/api/internal/password-reset/confirm", { method: "POST", body })).email);
    },
    "Could not set the new password.",
  );
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <h1 className="text-lg font-semibold">Choose a new password</h1>
      {done ? (
        <p role="status" className="rounded-md bg-muted px-3 py-2 text-sm">
          The password of {done} is set, and every earlier session of the account has ended. Sign in with the new password.
        </p>
      ) : (
        <>
          <input type="hidden" name="token" value={token} />
          <Field label="New password" htmlFor="password" error={errors.password}>
            <Input id="password" name="password" type="password" autoComplete="new-password" required autoFocus />
          </Field>
          <FormError message={formError ?? errors.token ?? null} />
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Saving…" : "Set password"}
          </Button>
        </>
      )}
      <BackToSignIn />
    </form>
  );
}

export function ResetPasswordForm() {
  return (
    <Suspense>
      <ResetForm />
    </Suspense>
  );
}
