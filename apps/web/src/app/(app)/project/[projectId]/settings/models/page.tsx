import { ModelPricesPage } from "@/features/settings";

export const metadata = { title: "Model prices" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <ModelPricesPage projectId={projectId} />;
}
