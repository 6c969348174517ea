import type { Role } from "@loupe/contracts";
import { requireRole } from "../auth/roles.ts";

/** Who changes a dashboard: a signed-in member (role checked) or a project API key (full access, as in Langfuse). */
export type DashboardActor = { kind: "apiKey" } | { kind: "user"; userId: string; role: Role };

/** Writes need MEMBER+; VIEWERs only read. */
export function requireEditor(actor: DashboardActor): string | null {
  if (actor.kind === "apiKey") return null;
  requireRole(actor.role, "MEMBER");
  return actor.userId;
}
