import { TracePage } from "@/features/traces";

export const metadata = { title: "Trace" };

export default async function Page({ params }: { params: Promise<{ projectId: string; traceId: string }> }) {
  const { projectId, traceId } = await params;
  return <TracePage projectId={projectId} traceId={decodeURIComponent(traceId)} />;
}
