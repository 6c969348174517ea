import { hasRole, type Role } from "@loupe/contracts";
import { forbidden } from "../errors.ts";

export { hasRole, type Role };

export function requireRole(role: Role, minimum: Role): void {
  if (!hasRole(role, minimum)) throw forbidden(`This needs the ${minimum} role or higher; you are ${role}.`);
}
