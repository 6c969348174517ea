import { SignUpForm } from "@/features/auth/sign-up-form";

export const metadata = { title: "Create account" };

export default function SignUpPage() {
  return <SignUpForm />;
}
