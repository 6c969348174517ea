import { RuleEditor } from "@/features/evaluations";

export const metadata = { title: "Edit evaluation rule" };

export default async function Page({ params }: { params: Promise<{ projectId: string; ruleId: string }> }) {
  const { projectId, ruleId } = await params;
  return <RuleEditor projectId={projectId} ruleId={ruleId} />;
}
