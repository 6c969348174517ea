import { ApiKeysPage } from "@/features/settings";

export const metadata = { title: "API keys" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <ApiKeysPage projectId={projectId} />;
}
