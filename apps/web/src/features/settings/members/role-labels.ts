import type { TOrganizationRole } from "@loupe/contracts";

/** One line per role for the role selects (what the capability map in @loupe/domain grants, in words). */
export const ROLE_HINTS = {
  OWNER: "everything, including owners",
  ADMIN: "members, keys and settings",
  MEMBER: "reads and writes project data",
  VIEWER: "reads only",
  ANNOTATOR: "traces, scores, annotation",
  NONE: "only projects given below",
} as const satisfies Record<TOrganizationRole, string>;

export const roleOption = (role: TOrganizationRole) => `${role} — ${ROLE_HINTS[role]}`;
