import { ResetPasswordForm } from "@/features/auth";

export const metadata = { title: "Choose a new password" };

export default function ResetPasswordPage() {
  return <ResetPasswordForm />;
}
