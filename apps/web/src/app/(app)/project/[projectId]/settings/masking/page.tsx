import { MaskingPage } from "@/features/settings";

export const metadata = { title: "Data masking" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <MaskingPage projectId={projectId} />;
}
