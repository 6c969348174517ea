import { PlaygroundPage } from "@/features/playground";

export const metadata = { title: "Playground" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <PlaygroundPage projectId={projectId} />;
}
