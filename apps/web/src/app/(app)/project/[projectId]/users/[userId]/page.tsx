import { UserPage } from "@/features/users";

export const metadata = { title: "User" };

export default async function Page({ params }: { params: Promise<{ projectId: string; userId: string }> }) {
  const { projectId, userId } = await params;
  return <UserPage projectId={projectId} userId={decodeURIComponent(userId)} />;
}
