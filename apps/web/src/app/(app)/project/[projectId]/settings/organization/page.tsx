import { OrganizationSettingsPage } from "@/features/settings";
import { organizationOfProject } from "@/lib/server/organization-of-project";

export const metadata = { title: "Organization" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { id, name, role } = await organizationOfProject(projectId);
  return <OrganizationSettingsPage projectId={projectId} organization={{ id, name, role }} />;
}
