import { z } from "zod";
import { ROLES } from "./projects.ts";

/**
 * Organization roles: the project roles plus NONE, a member of the organization who sees no project
 * unless a per-project role grants one. NONE is never a project role (a project role overrides it).
 */
export const ORGANIZATION_ROLES = [...ROLES, "NONE"] as const;
export type TOrganizationRole = (typeof ORGANIZATION_ROLES)[number];
export const ZOrganizationRole = z.enum(ORGANIZATION_ROLES, { error: `role: one of ${ORGANIZATION_ROLES.join(", ")}` });
export const ZProjectRole = z.enum(ROLES, { error: `role: one of ${ROLES.join(", ")}` });

const person = { userId: z.string(), name: z.string().nullable(), email: z.string() };

export const ZOrganizationMember = z.object({ ...person, role: ZOrganizationRole, joinedAt: z.iso.datetime() });
export type TOrganizationMember = z.infer<typeof ZOrganizationMember>;
export const ZOrganizationMembersResponse = z.object({ members: z.array(ZOrganizationMember) });

/** A member of a project's organization as the project sees them: `role` is the effective one (null: no access). */
export const ZProjectMember = z.object({
  ...person,
  organizationRole: ZOrganizationRole,
  projectRole: ZProjectRole.nullable(),
  role: ZProjectRole.nullable(),
});
export type TProjectMember = z.infer<typeof ZProjectMember>;
export const ZProjectMembersResponse = z.object({ members: z.array(ZProjectMember) });

export const ZChangeOrganizationRoleBody = z.object({ role: ZOrganizationRole });
export const ZSetProjectRoleBody = z.object({ role: ZProjectRole });

export const ZCreateInvitationBody = z
  .object({
    email: z.email("email: enter a valid email address").trim().toLowerCase().max(320),
    role: ZOrganizationRole,
    projectId: z.string().min(1).max(200).optional(),
    projectRole: ZProjectRole.optional(),
  })
  .refine((b) => (b.projectId === undefined) === (b.projectRole === undefined), {
    message: "projectRole: give both a project and its role, or neither",
    path: ["projectRole"],
  });
export type TCreateInvitationBody = z.infer<typeof ZCreateInvitationBody>;

export const ZInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: ZOrganizationRole,
  project: z.object({ id: z.string(), name: z.string() }).nullable(),
  projectRole: ZProjectRole.nullable(),
  invitedBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type TInvitation = z.infer<typeof ZInvitation>;
export const ZInvitationsResponse = z.object({ invitations: z.array(ZInvitation) });

/** The invitation just made: its link carries the one-time token, shown only in this answer. */
export const ZCreatedInvitation = ZInvitation.extend({ url: z.url(), emailed: z.boolean() });
export type TCreatedInvitation = z.infer<typeof ZCreatedInvitation>;

/** Accepting: where to go next (the first project the person can open in the organization, if any). */
export const ZAcceptedInvitation = z.object({ organizationId: z.string(), projectId: z.string().nullable() });
export type TAcceptedInvitation = z.infer<typeof ZAcceptedInvitation>;

/** A new person's account from the invitation page: the e-mail is the invitation's. */
export const ZInvitationSignUpBody = z.object({
  name: z.string().trim().max(100).optional(),
  password: z.string().min(8, "Use at least 8 characters").max(200),
});

export const ZInvitationTokenParams = z.object({ token: z.string().min(20, "The invitation link is incomplete").max(100) });
