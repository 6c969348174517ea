import { ProjectMembersPage } from "@/features/settings";

export const metadata = { title: "Members" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <ProjectMembersPage projectId={projectId} />;
}
