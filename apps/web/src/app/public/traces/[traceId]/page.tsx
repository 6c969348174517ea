import { notFound } from "next/navigation";
import { TracePage } from "@/features/traces";

export const metadata = { title: "Shared trace", robots: { index: false, follow: false } };

/** A public trace, readable without an account; the API answers 404 unless the trace is shared. */
export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ traceId: string }>;
  searchParams: Promise<{ projectId?: string | string[] }>;
}) {
  const { traceId } = await params;
  const { projectId } = await searchParams;
  if (typeof projectId !== "string" || projectId === "") notFound();
  return <TracePage projectId={projectId} traceId={decodeURIComponent(traceId)} shared />;
}
