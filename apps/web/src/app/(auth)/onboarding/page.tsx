import { listProjectsForUser, mayCreateOrganizations } from "@loupe/server";
import { redirect } from "next/navigation";
import { CreateOrganizationForm, NoOrganizationNotice } from "@/features/onboarding";
import { getSessionUser } from "@/lib/server/auth";

export const dynamic = "force-dynamic";
export const metadata = { title: "Create a project" };

export default async function OnboardingPage() {
  const user = await getSessionUser();
  if (!user) redirect("/auth/sign-in?callbackUrl=/onboarding");
  if (!mayCreateOrganizations(user.email)) {
    const [first] = await listProjectsForUser(user.id);
    return <NoOrganizationNotice homeHref={first ? `/project/${first.id}/traces` : null} />;
  }
  return <CreateOrganizationForm />;
}
