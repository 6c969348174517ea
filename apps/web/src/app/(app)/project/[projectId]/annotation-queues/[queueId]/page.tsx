import { QueuePage } from "@/features/annotation";

export const metadata = { title: "Annotation queue" };

export default async function Page({ params }: { params: Promise<{ projectId: string; queueId: string }> }) {
  const { projectId, queueId } = await params;
  return <QueuePage projectId={projectId} queueId={decodeURIComponent(queueId)} />;
}
