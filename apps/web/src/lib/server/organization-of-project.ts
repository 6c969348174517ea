import "server-only";
import { listProjectsForUser } from "@loupe/server";
import { notFound } from "next/navigation";
import { getSessionUser } from "./auth";

/**
 * The organization of a project page (id, name, the person's organization role) and the names of its
 * projects the person can open; 404 for a non-member.
 */
export async function organizationOfProject(projectId: string) {
  const user = await getSessionUser();
  const projects = user ? await listProjectsForUser(user.id) : [];
  const project = projects.find((p) => p.id === projectId);
  if (!project) notFound();
  const projectNames = Object.fromEntries(
    projects.filter((p) => p.organization.id === project.organization.id).map((p) => [p.id, p.name] as const),
  );
  return { ...project.organization, projectNames };
}
