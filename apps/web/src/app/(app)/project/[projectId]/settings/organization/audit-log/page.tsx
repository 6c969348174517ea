import { AuditLogPage } from "@/features/settings";
import { organizationOfProject } from "@/lib/server/organization-of-project";

export const metadata = { title: "Organization audit log" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const organization = await organizationOfProject(projectId);
  return (
    <AuditLogPage
      scope={{ kind: "organization", organizationId: organization.id, name: organization.name, projects: organization.projectNames }}
    />
  );
}
