import { ComparePage } from "@/features/datasets";

export const metadata = { title: "Compare runs" };

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string; datasetId: string }>;
  searchParams: Promise<{ runs?: string }>;
}) {
  const { projectId, datasetId } = await params;
  const runIds = ((await searchParams).runs ?? "").split(",").filter(Boolean);
  return <ComparePage projectId={projectId} datasetId={datasetId} runIds={runIds} />;
}
