import { UsersPage } from "@/features/users";

export const metadata = { title: "Users" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <UsersPage projectId={projectId} />;
}
