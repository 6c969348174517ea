import { DashboardsListPage } from "@/features/dashboards";

export const metadata = { title: "Dashboards" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <DashboardsListPage projectId={projectId} />;
}
