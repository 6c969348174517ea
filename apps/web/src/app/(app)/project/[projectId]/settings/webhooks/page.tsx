import { WebhooksPage } from "@/features/webhooks";

export const metadata = { title: "Webhooks" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <WebhooksPage projectId={projectId} />;
}
