import { QueuesPage } from "@/features/annotation";

export const metadata = { title: "Annotation queues" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <QueuesPage projectId={projectId} />;
}
