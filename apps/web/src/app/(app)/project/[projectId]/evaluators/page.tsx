import { EvaluatorsPage } from "@/features/evaluations";

export const metadata = { title: "Evaluators" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <EvaluatorsPage projectId={projectId} />;
}
