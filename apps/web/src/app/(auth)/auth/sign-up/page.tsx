import { SignUpForm } from "@/features/auth";

export const metadata = { title: "Create account" };

export default function SignUpPage() {
  return <SignUpForm />;
}
