import type { Role } from "@loupe/contracts";
import { hasRole } from "@loupe/domain";
import { forbidden } from "../errors.ts";

/** Who writes prompts: an API key (all that Langfuse allows) or a signed-in user with a project role. */
export type PromptActor = { kind: "apiKey" } | { kind: "user"; userId: string; role: Role };

export const authorOf = (actor: PromptActor) => (actor.kind === "apiKey" ? "API" : actor.userId);

/** A MEMBER may not move a protected label directly: it requests the move, an ADMIN+ approves it. */
export function assertMayMoveLabels(actor: PromptActor, labels: string[], protectedLabels: string[]): void {
  if (actor.kind === "apiKey" || hasRole(actor.role, "ADMIN")) return;
  const blocked = labels.filter((l) => protectedLabels.includes(l));
  if (blocked.length > 0) {
    throw forbidden(
      `${blocked.map((l) => `'${l}'`).join(", ")} ${blocked.length > 1 ? "are protected labels" : "is a protected label"}: only an ADMIN or OWNER moves ${blocked.length > 1 ? "them" : "it"}; request the move instead`,
    );
  }
}
