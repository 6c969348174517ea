"use client";

import { ZSignUpBody } from "@loupe/contracts";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field, Input } from "@/components/ui/input";
import { apiFetch } from "@/lib/client/api-client";
import { useZodForm } from "@/lib/client/use-zod-form";

export function SignUpForm() {
  const router = useRouter();
  const { errors, formError, pending, onSubmit } = useZodForm(
    ZSignUpBody,
    async (body) => {
      await apiFetch(z.object({ id: z.string() }), "/api/internal/sign-up", { method: "POST", body });
      await signIn("credentials", { redirect: false, email: body.email, password: body.password });
      router.push("/onboarding");
      router.refresh();
    },
    "Could not create the account.",
  );

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <h1 className="text-lg font-semibold">Create your account</h1>
        <p className="text-sm text-muted-foreground">Trace, evaluate and improve your LLM features.</p>
      </div>
      <NewAccountFields errors={errors} />
      <FormError message={formError} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link href="/auth/sign-in" className="font-medium text-accent hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}

/**
 * A new account's fields, for the sign-up page and a sign-up from an invitation: with `fixedEmail` the
 * e-mail is shown and not sent (the invitation's).
 */
export function NewAccountFields({ errors, fixedEmail }: { errors: Record<string, string>; fixedEmail?: string }) {
  return (
    <>
      {fixedEmail === undefined ? (
        <Field label="Email" htmlFor="email" error={errors.email}>
          <Input id="email" name="email" type="email" autoComplete="email" required />
        </Field>
      ) : (
        <Field label="Email" htmlFor="email">
          <Input id="email" value={fixedEmail} readOnly disabled />
        </Field>
      )}
      <Field label="Name" htmlFor="name" error={errors.name}>
        <Input id="name" name="name" autoComplete="name" />
      </Field>
      <Field label="Password" htmlFor="password" error={errors.password}>
        <Input id="password" name="password" type="password" autoComplete="new-password" required />
      </Field>
    </>
  );
}
