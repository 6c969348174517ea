"use client";

import { ZAcceptedInvitation, ZInvitationSignUpBody } from "@loupe/contracts";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn, signOut } from "next-auth/react";
import { useState } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { apiFetch } from "@/lib/client/api-client";
import { useZodForm } from "@/lib/client/use-zod-form";
import { NewAccountFields } from "./sign-up-form";

export type PendingInvitation = {
  email: string;
  organizationName: string;
  role: string;
  projectName: string | null;
  projectRole: string | null;
  invitedBy: string | null;
  accountExists: boolean;
  passwordRefusal: string | null;
};

const landingOf = (accepted: { projectId: string | null }) => (accepted.projectId ? `/project/${accepted.projectId}` : "/");

function Summary({ invitation }: { invitation: PendingInvitation }) {
  return (
    <div>
      <h1 className="text-lg font-semibold">Join {invitation.organizationName}</h1>
      <p className="mt-1 text-sm text-muted-foreground">
        {invitation.invitedBy ?? "An administrator"} invited <span className="font-medium text-foreground">{invitation.email}</span>{" "}
        {invitation.role === "NONE" && invitation.projectName ? (
          <>
            as <span className="font-mono text-xs">{invitation.projectRole}</span> of the project {invitation.projectName}, without access
            to the organization's other projects
          </>
        ) : (
          <>
            as <span className="font-mono text-xs">{invitation.role}</span>
            {invitation.projectName ? (
              <>
                {" "}
                and <span className="font-mono text-xs">{invitation.projectRole}</span> of the project {invitation.projectName}
              </>
            ) : null}
          </>
        )}
        .
      </p>
    </div>
  );
}

/** A new person: a name and a password; the e-mail is the invitation's. */
function SignUpFromInvitation({ token, invitation }: { token: string; invitation: PendingInvitation }) {
  const router = useRouter();
  const { errors, formError, pending, onSubmit } = useZodForm(
    ZInvitationSignUpBody,
    async (body) => {
      const accepted = await apiFetch(
        ZAcceptedInvitation.extend({ email: z.string() }),
        `/api/internal/invitations/${encodeURIComponent(token)}/sign-up`,
        {
          method: "POST",
          body,
        },
      );
      await signIn("credentials", { redirect: false, email: accepted.email, password: body.password });
      router.push(landingOf(accepted));
      router.refresh();
    },
    "Could not create the account.",
  );
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Summary invitation={invitation} />
      <NewAccountFields errors={errors} fixedEmail={invitation.email} />
      <FormError message={formError} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Create account and join"}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link
          href={`/auth/sign-in?callbackUrl=${encodeURIComponent(`/auth/invite/${token}`)}`}
          className="font-medium text-accent hover:underline"
        >
          Sign in
        </Link>
      </p>
    </form>
  );
}

function AcceptAsSignedIn({ token, invitation }: { token: string; invitation: PendingInvitation }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="space-y-4">
      <Summary invitation={invitation} />
      <FormError message={error} />
      <Button
        className="w-full"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            const accepted = await apiFetch(ZAcceptedInvitation, `/api/internal/invitations/${encodeURIComponent(token)}/accept`, {
              method: "POST",
              body: {},
            });
            router.push(landingOf(accepted));
            router.refresh();
          } catch (e) {
            setError(e instanceof Error ? e.message : "Could not accept the invitation.");
            setPending(false);
          }
        }}
      >
        {pending ? "Joining…" : `Join ${invitation.organizationName}`}
      </Button>
    </div>
  );
}

/**
 * The invitation page's choices: join (signed in with the invited e-mail), switch account (signed in as
 * someone else), sign in (an account exists, or passwords are not allowed for it: SSO joins at sign-in),
 * or create the account here.
 */
export function InvitationAcceptance({
  token,
  invitation,
  signedInAs,
}: {
  token: string;
  invitation: PendingInvitation;
  signedInAs: string | null;
}) {
  const callback = `/auth/invite/${token}`;
  if (signedInAs && signedInAs.toLowerCase() === invitation.email.toLowerCase())
    return <AcceptAsSignedIn token={token} invitation={invitation} />;
  if (signedInAs) {
    return (
      <div className="space-y-4">
        <Summary invitation={invitation} />
        <p role="alert" className="rounded-md bg-warning-soft px-3 py-2 text-sm text-warning">
          You are signed in as {signedInAs}. This invitation is for {invitation.email}: sign out, then open the link again.
        </p>
        <Button className="w-full" variant="secondary" onClick={() => signOut({ callbackUrl: callback })}>
          Sign out
        </Button>
      </div>
    );
  }
  if (invitation.accountExists || invitation.passwordRefusal) {
    return (
      <div className="space-y-4">
        <Summary invitation={invitation} />
        <p className="text-sm text-muted-foreground">
          {invitation.passwordRefusal
            ? `${invitation.passwordRefusal} Signing in through SSO as ${invitation.email} joins the organization.`
            : `Sign in as ${invitation.email} to accept.`}
        </p>
        <Link
          href={`/auth/sign-in?callbackUrl=${encodeURIComponent(invitation.passwordRefusal ? "/" : callback)}`}
          className="inline-flex h-9 w-full items-center justify-center rounded-md bg-accent px-3.5 text-sm font-medium text-accent-foreground hover:opacity-90"
        >
          Sign in
        </Link>
      </div>
    );
  }
  return <SignUpFromInvitation token={token} invitation={invitation} />;
}
