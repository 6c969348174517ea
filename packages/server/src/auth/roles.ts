import type { Role } from "@loupe/contracts";
import { type Capability, can, capabilityOfRole, hasRole, type LadderRole, rolesWith } from "@loupe/domain";
import { forbidden } from "../errors.ts";

export { type Capability, can, hasRole, type LadderRole, type Role };

export function requireRole(role: Role, minimum: LadderRole): void {
  if (!hasRole(role, minimum)) throw forbidden(`This needs the ${minimum} role or higher; you are ${role}.`);
}

/** Refuses what the capability map (`@loupe/domain`) does not grant `role`, naming the roles that may. */
export function requireCapability(role: Role, capability: Capability): void {
  if (!can(role, capability)) {
    throw forbidden(`Your role ${role} may not do this (${capability}); it needs one of: ${rolesWith(capability).join(", ")}.`);
  }
}

/** The capability a route or service asks for: an explicit one, else the rung of `minRole` (VIEWER by default). */
export const capabilityFor = (spec: { can?: Capability; minRole?: LadderRole }): Capability =>
  spec.can ?? capabilityOfRole(spec.minRole ?? "VIEWER");
