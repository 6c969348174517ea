import { passwordResetByEmailAvailable } from "@loupe/server";
import Link from "next/link";
import { ForgotPasswordForm } from "@/features/auth";

export const metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
  if (passwordResetByEmailAvailable()) return <ForgotPasswordForm />;
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-semibold">Reset your password</h1>
      <p className="text-sm text-muted-foreground">
        This instance sends no email. An administrator of your organization can make you a one-time reset link.
      </p>
      <Link href="/auth/sign-in" className="text-sm font-medium text-accent hover:underline">
        Back to sign-in
      </Link>
    </div>
  );
}
