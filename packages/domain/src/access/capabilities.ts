import type { Role } from "@loupe/contracts";

/**
 * What a project role may do: the one place rights are decided. Routes (`defineRoute`'s `can` and
 * `minRole`), services (`requireCapability`) and the UI (`useCan`, `useHasRole`) all ask this map, so the
 * UI hides exactly what the server refuses. Roles are not a plain ladder: an ANNOTATOR reads less than a
 * VIEWER (no prompts, datasets, dashboards, settings) but may annotate and comment, which a VIEWER may not.
 */
export const CAPABILITIES = [
  /** Traces, observations, sessions, their scores and the score configs: what a reviewer looks at. */
  "traces:read",
  /** Everything else a project shows: prompts, datasets, users, dashboards, settings (read). */
  "project:read",
  /** Annotation scores by hand and working an annotation queue (complete, skip). */
  "annotate",
  /** Comments on traces, observations, sessions and prompts. */
  "comment",
  /** Writes a MEMBER makes: prompts, datasets, annotation queues and their items, score configs, sharing. */
  "project:write",
  /** Settings, API keys, LLM connections (ADMIN and OWNER). */
  "project:manage",
  /**
   * Deleting traces from the UI (with their observations and scores): irreversible and it changes every
   * metric, so ADMIN and OWNER only, not every MEMBER who may tag or queue them. API keys delete as in Langfuse.
   */
  "traces:delete",
  "project:own",
  /** The organization's settings: its audit log (all its projects and members' sign-ins) and password reset links; checked against the organization role. */
  "organization:manage",
  /** The organization's members and invitations: invite, change roles, remove (never above one's own role). */
  "organization:members",
  /** A project's members page: per-project roles that override the organization role. */
  "project:members",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Each capability in words, for docs/roles.md (generated from this file and checked by role-matrix.int.test.ts). */
export const CAPABILITY_LABELS = {
  "traces:read": "Read traces, observations, sessions, their scores and the score configs",
  "project:read": "Read everything else a project shows: prompts, datasets, users, dashboards, evaluators, settings",
  annotate: "Score by hand and work annotation queues (complete, skip)",
  comment: "Comment on traces, observations, sessions and prompts",
  "project:write": "Write prompts, datasets, dashboards, evaluators and rules, annotation queues, score configs, sharing",
  "project:manage": "Project settings: API keys, LLM connections, masking, protected labels, webhooks, audit log",
  "project:own": "Reserved for the project's owners",
  "organization:manage": "Organization settings: the organization's audit log, password reset links for members",
  "organization:members":
    "Organization members: invite (by link or e-mail), revoke invitations, change roles, remove; never above one's own role",
  "project:members": "Project members: set or remove per-project roles overriding the organization role; never above one's own role",
  "traces:delete": "Delete traces (with their observations and scores) from the traces table",
} as const satisfies Record<Capability, string>;

const VIEWER = ["traces:read", "project:read"] as const satisfies readonly Capability[];
const MEMBER = [...VIEWER, "annotate", "comment", "project:write"] as const satisfies readonly Capability[];
const ADMIN = [
  ...MEMBER,
  "project:manage",
  "organization:manage",
  "traces:delete",
  "organization:members",
  "project:members",
] as const satisfies readonly Capability[];

const ROLE_CAPABILITIES: Record<Role, ReadonlySet<Capability>> = {
  OWNER: new Set(CAPABILITIES),
  ADMIN: new Set(ADMIN),
  MEMBER: new Set(MEMBER),
  VIEWER: new Set(VIEWER),
  ANNOTATOR: new Set(["traces:read", "annotate", "comment"]),
};

export function can(role: Role, capability: Capability): boolean {
  return ROLE_CAPABILITIES[role].has(capability);
}

/**
 * Whether a role sees every annotation queue of the project. An ANNOTATOR sees (and works) only the
 * queues assigned to it; VIEWER and up see them all.
 */
export const seesAllAnnotationQueues = (role: Role): boolean => can(role, "project:read");

/** The roles `minRole` may name: each stands for one capability of the ladder VIEWER < MEMBER < ADMIN < OWNER. */
export type LadderRole = Exclude<Role, "ANNOTATOR">;
const LADDER: Record<LadderRole, Capability> = {
  VIEWER: "project:read",
  MEMBER: "project:write",
  ADMIN: "project:manage",
  OWNER: "project:own",
};

/** True when `role` grants at least what `minimum` does (an ANNOTATOR is on no rung of the ladder). */
export function hasRole(role: Role, minimum: LadderRole): boolean {
  return can(role, LADDER[minimum]);
}

/** The capability a ladder role stands for (route specs accept either). */
export const capabilityOfRole = (minimum: LadderRole): Capability => LADDER[minimum];

/** The lowest ladder role that has a capability, for messages ("needs MEMBER"); ANNOTATOR when only it does. */
export function rolesWith(capability: Capability): Role[] {
  return (Object.keys(ROLE_CAPABILITIES) as Role[]).filter((r) => can(r, capability));
}

/**
 * True when `role` grants everything `other` does (the roles' partial order: OWNER ⊇ ADMIN ⊇ MEMBER ⊇
 * VIEWER and MEMBER ⊇ ANNOTATOR; VIEWER and ANNOTATOR are incomparable).
 */
export function includesRole(role: Role, other: Role): boolean {
  return [...ROLE_CAPABILITIES[other]].every((c) => ROLE_CAPABILITIES[role].has(c));
}
