import { RuleEditor } from "@/features/evaluations";

export const metadata = { title: "New evaluation rule" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <RuleEditor projectId={projectId} />;
}
