import { SessionsPage } from "@/features/sessions";

export const metadata = { title: "Sessions" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <SessionsPage projectId={projectId} />;
}
