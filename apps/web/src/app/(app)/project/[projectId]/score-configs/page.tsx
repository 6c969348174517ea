import { ScoreConfigsPage } from "@/features/annotation";

export const metadata = { title: "Score configs" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <ScoreConfigsPage projectId={projectId} />;
}
