import "react-grid-layout/css/styles.css";
import { DashboardPage } from "@/features/dashboards";

export const metadata = { title: "Dashboard" };

export default async function Page({ params }: { params: Promise<{ projectId: string; dashboardId: string }> }) {
  const { projectId, dashboardId } = await params;
  return <DashboardPage projectId={projectId} dashboardId={dashboardId} />;
}
