import { RulePage } from "@/features/evaluations";

export const metadata = { title: "Evaluation rule" };

export default async function Page({ params }: { params: Promise<{ projectId: string; ruleId: string }> }) {
  const { projectId, ruleId } = await params;
  return <RulePage projectId={projectId} ruleId={ruleId} />;
}
