import { Suspense } from "react";
import { EvaluatorEditor } from "@/features/evaluations";

export const metadata = { title: "Evaluator" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  // The editor reads ?template= / ?evaluator= (useSearchParams needs a Suspense boundary).
  return (
    <Suspense>
      <EvaluatorEditor projectId={projectId} />
    </Suspense>
  );
}
