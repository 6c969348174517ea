import { DatasetPage } from "@/features/datasets";

export const metadata = { title: "Dataset" };

export default async function Page({ params }: { params: Promise<{ projectId: string; datasetId: string }> }) {
  const { projectId, datasetId } = await params;
  return <DatasetPage projectId={projectId} datasetId={datasetId} />;
}
