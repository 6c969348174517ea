import { RulesPage } from "@/features/evaluations";

export const metadata = { title: "Evaluation rules" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <RulesPage projectId={projectId} />;
}
