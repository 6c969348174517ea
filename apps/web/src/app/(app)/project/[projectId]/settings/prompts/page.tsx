import { PromptSettingsPage } from "@/features/settings";

export const metadata = { title: "Prompt releases" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <PromptSettingsPage projectId={projectId} />;
}
