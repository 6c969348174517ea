import type { TProjectsResponse } from "@loupe/contracts";
import { getProjectWithOrganization } from "@loupe/db";
import { toPublicProject } from "./admin-api.ts";

/** GET /api/public/projects: the API key's own project (keys are project-scoped). */
export async function getApiKeyProjects(projectId: string): Promise<TProjectsResponse> {
  const project = await getProjectWithOrganization(projectId);
  if (!project) return { data: [] };
  return { data: [toPublicProject(project)] };
}
