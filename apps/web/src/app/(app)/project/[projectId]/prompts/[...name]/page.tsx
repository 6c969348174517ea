import { PromptPage } from "@/features/prompts";

export const metadata = { title: "Prompt" };

// Folders are path segments: /prompts/support/triage is the prompt "support/triage" (Next decodes each).
export default async function Page({ params }: { params: Promise<{ projectId: string; name: string[] }> }) {
  const { projectId, name } = await params;
  return <PromptPage projectId={projectId} name={name.join("/")} />;
}
