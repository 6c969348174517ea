"use client";

import { hasRole, type Role } from "@loupe/contracts";
import { createContext, type ReactNode, useContext } from "react";

// The signed-in user's role in the open project, read once by the project layout (server side).
// The UI only hides what the role cannot do; every write route checks the role again on the server.

const ProjectRoleContext = createContext<Role | null>(null);

export function ProjectRoleProvider({ role, children }: { role: Role; children: ReactNode }) {
  return <ProjectRoleContext.Provider value={role}>{children}</ProjectRoleContext.Provider>;
}

/** True when the user may do what needs `minimum`; false outside a project (the shared, read-only trace page). */
export function useHasRole(minimum: Role): boolean {
  const role = useContext(ProjectRoleContext);
  return role !== null && hasRole(role, minimum);
}
