import type { TProjectsResponse } from "@loupe/contracts";
import { getProjectWithOrganization } from "@loupe/db";

/** GET /api/public/projects: the API key's own project (keys are project-scoped). */
export async function getApiKeyProjects(projectId: string): Promise<TProjectsResponse> {
  const project = await getProjectWithOrganization(projectId);
  if (!project) return { data: [] };
  return {
    data: [
      {
        id: project.id,
        name: project.name,
        organization: { id: project.organization.id, name: project.organization.name },
        metadata: {},
        ...(project.retentionDays ? { retentionDays: project.retentionDays } : {}),
      },
    ],
  };
}
