import { SignInForm } from "@/features/auth";

export const metadata = { title: "Sign in" };

export default function SignInPage() {
  return <SignInForm />;
}
