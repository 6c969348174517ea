import { notFound } from "next/navigation";
import { OrganizationMembersPage } from "@/features/settings";
import { getSessionUser } from "@/lib/server/auth";
import { organizationOfProject } from "@/lib/server/organization-of-project";

export const metadata = { title: "Organization members" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const [{ id, name, role, projectNames }, user] = await Promise.all([organizationOfProject(projectId), getSessionUser()]);
  if (!user) notFound();
  const projects = Object.entries(projectNames).map(([projectId, projectName]) => ({ id: projectId, name: projectName }));
  return <OrganizationMembersPage organization={{ id, name, role }} projects={projects} currentUserId={user.id} />;
}
