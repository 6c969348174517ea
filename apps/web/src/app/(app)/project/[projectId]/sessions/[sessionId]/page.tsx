import { SessionPage } from "@/features/sessions";

export const metadata = { title: "Session" };

export default async function Page({ params }: { params: Promise<{ projectId: string; sessionId: string }> }) {
  const { projectId, sessionId } = await params;
  return <SessionPage projectId={projectId} sessionId={decodeURIComponent(sessionId)} />;
}
