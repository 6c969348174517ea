import { listProjectsForUser } from "@loupe/server";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { getSessionUser } from "@/lib/server/auth";
import { redirectToSignIn } from "@/lib/server/page-path";

export const dynamic = "force-dynamic";

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await getSessionUser();
  if (!user) return redirectToSignIn(`/project/${projectId}/traces`);
  const projects = await listProjectsForUser(user.id);
  const project = projects.find((p) => p.id === projectId);
  if (!project) notFound();
  return (
    <AppShell project={project} projects={projects} userEmail={user.email}>
      {children}
    </AppShell>
  );
}
