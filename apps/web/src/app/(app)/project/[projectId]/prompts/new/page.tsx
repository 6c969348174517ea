import { NewPromptPage } from "@/features/prompts";

export const metadata = { title: "New prompt" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <NewPromptPage projectId={projectId} />;
}
