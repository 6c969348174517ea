import { authPolicy, SIGNUP_DISABLED_MESSAGE } from "@loupe/server";
import Link from "next/link";
import { SignUpForm } from "@/features/auth";

export const metadata = { title: "Create account" };

export default function SignUpPage() {
  const policy = authPolicy();
  if (policy.signupDisabled || policy.passwordDisabled) {
    return (
      <div className="space-y-3">
        <h1 className="text-lg font-semibold">Create your account</h1>
        <p className="text-sm text-muted-foreground">
          {policy.signupDisabled ? SIGNUP_DISABLED_MESSAGE : "Accounts are created by signing in through single sign-on (SSO)."}
        </p>
        <Link href="/auth/sign-in" className="text-sm font-medium text-accent hover:underline">
          Back to sign-in
        </Link>
      </div>
    );
  }
  return <SignUpForm />;
}
