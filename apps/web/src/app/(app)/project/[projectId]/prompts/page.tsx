import { PromptsPage } from "@/features/prompts";

export const metadata = { title: "Prompts" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <PromptsPage projectId={projectId} />;
}
