import { DatasetsPage } from "@/features/datasets";

export const metadata = { title: "Datasets" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <DatasetsPage projectId={projectId} />;
}
