import { TracesPage } from "@/features/traces";

export const metadata = { title: "Traces" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <TracesPage projectId={projectId} />;
}
