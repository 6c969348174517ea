import { AuditLogPage } from "@/features/settings";

export const metadata = { title: "Audit log" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <AuditLogPage scope={{ kind: "project", projectId }} />;
}
