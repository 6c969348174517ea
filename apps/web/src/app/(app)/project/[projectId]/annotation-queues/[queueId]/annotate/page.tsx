import { AnnotatePage } from "@/features/annotation";

export const metadata = { title: "Annotate" };

export default async function Page({ params }: { params: Promise<{ projectId: string; queueId: string }> }) {
  const { projectId, queueId } = await params;
  return <AnnotatePage projectId={projectId} queueId={decodeURIComponent(queueId)} />;
}
