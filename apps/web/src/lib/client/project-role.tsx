"use client";

import type { Role } from "@loupe/contracts";
import { type Capability, can, hasRole, type LadderRole } from "@loupe/domain";
import { createContext, type ReactNode, useContext } from "react";

// The signed-in user's role in the open project, read once by the project layout (server side).
// The UI only hides what the role cannot do; every route checks the same capability map on the server.

const ProjectRoleContext = createContext<Role | null>(null);

export function ProjectRoleProvider({ role, children }: { role: Role; children: ReactNode }) {
  return <ProjectRoleContext.Provider value={role}>{children}</ProjectRoleContext.Provider>;
}

/** True when the user may do what needs `minimum`; false outside a project (the shared, read-only trace page). */
export function useHasRole(minimum: LadderRole): boolean {
  const role = useContext(ProjectRoleContext);
  return role !== null && hasRole(role, minimum);
}

/** True when the user's role has `capability` (`@loupe/domain`'s map); false outside a project. */
export function useCan(capability: Capability): boolean {
  const role = useContext(ProjectRoleContext);
  return role !== null && can(role, capability);
}

/** The user's role in the open project (null outside a project). */
export function useProjectRole(): Role | null {
  return useContext(ProjectRoleContext);
}
