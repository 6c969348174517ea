import { ObservationsPage } from "@/features/observations";

export const metadata = { title: "Observations" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <ObservationsPage projectId={projectId} />;
}
