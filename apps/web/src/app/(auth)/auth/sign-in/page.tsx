import { SignInForm } from "@/features/auth/sign-in-form";

export const metadata = { title: "Sign in" };

export default function SignInPage() {
  return <SignInForm />;
}
