import { LlmConnectionsPage } from "@/features/llm-connections";

export const metadata = { title: "LLM connections" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <LlmConnectionsPage projectId={projectId} />;
}
