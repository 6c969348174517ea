import { organizationChoicesFor } from "@loupe/server";
import { notFound } from "next/navigation";
import { OrganizationSettingsPage } from "@/features/settings";
import { getSessionUser } from "@/lib/server/auth";
import { organizationOfProject } from "@/lib/server/organization-of-project";

export const metadata = { title: "Organization" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const [{ id, name, role }, user] = await Promise.all([organizationOfProject(projectId), getSessionUser()]);
  if (!user) notFound();
  const choices = await organizationChoicesFor(user, id);
  return <OrganizationSettingsPage projectId={projectId} organization={{ id, name, role }} {...choices} />;
}
