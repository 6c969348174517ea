import type { Role } from "@loupe/contracts";
import { forbidden } from "../errors.ts";

export type { Role };

const RANK: Record<Role, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };

export function hasRole(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

export function requireRole(role: Role, minimum: Role): void {
  if (!hasRole(role, minimum)) throw forbidden(`This needs the ${minimum} role or higher; you are ${role}.`);
}
