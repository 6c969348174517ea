import { redirect } from "next/navigation";
import { CreateOrganizationForm } from "@/features/onboarding";
import { getSessionUser } from "@/lib/server/auth";

export const dynamic = "force-dynamic";
export const metadata = { title: "Create a project" };

export default async function OnboardingPage() {
  const user = await getSessionUser();
  if (!user) redirect("/auth/sign-in?callbackUrl=/onboarding");
  return <CreateOrganizationForm />;
}
