import { HomeDashboardPage } from "@/features/dashboards";

export const metadata = { title: "Overview" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <HomeDashboardPage projectId={projectId} />;
}
