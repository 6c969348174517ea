import { createHash, randomBytes } from "node:crypto";
import type { Role, TAcceptedInvitation, TCreatedInvitation, TCreateInvitationBody, TInvitation } from "@loupe/contracts";
import {
  createUserInTx,
  ensureOrganizationMembership,
  findInvitationByTokenHash,
  findOrganizationMembership,
  findOrganizationProject,
  findUserByEmail,
  type InvitationRow,
  listOpenInvitations,
  listPendingInvitationsForEmail,
  listProjectsForUser,
  markInvitationAccepted,
  prisma,
  revokeInvitation,
  type Tx,
  upsertInvitation,
  upsertProjectOverride,
} from "@loupe/db";
import { grantsAtLeast, INVITATION_STATE_MESSAGES, INVITATION_VALID_DAYS, type InvitationState, invitationState } from "@loupe/domain";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { mailConfigured, sendMail } from "../auth/mail.ts";
import { hashPassword } from "../auth/passwords.ts";
import { passwordRefusal } from "../auth/sign-in-policy.ts";
import { badRequest, conflict, DomainError, forbidden, notFound } from "../errors.ts";
import { logger } from "../logger.ts";
import type { MembersActor } from "./members.ts";

/**
 * Invitations to an organization. The link carries a random one-time token shown once to the inviter (and
 * mailed when SMTP is configured); only its SHA-256 is stored. A link works for 7 days, once; a new
 * invitation for the same e-mail replaces the earlier one, whose link stops working.
 */
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

const toInvitation = (row: InvitationRow): TInvitation => ({
  id: row.id,
  email: row.email,
  role: row.orgRole,
  project: row.project && !row.project.deletedAt ? { id: row.project.id, name: row.project.name } : null,
  projectRole: row.projectRole === "NONE" ? null : row.projectRole,
  invitedBy: row.invitedBy ? row.invitedBy.name || row.invitedBy.email : null,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
});

/** What the audit log keeps of an invitation (never the token). */
const auditShape = (row: InvitationRow) => ({
  email: row.email,
  role: row.orgRole,
  projectId: row.projectId,
  projectRole: row.projectRole,
  expiresAt: row.expiresAt.toISOString(),
});

export async function listInvitations(organizationId: string): Promise<TInvitation[]> {
  return (await listOpenInvitations(organizationId)).map(toInvitation);
}

export async function createInvitation(
  organizationId: string,
  body: TCreateInvitationBody,
  actor: MembersActor,
  baseUrl: string,
): Promise<TCreatedInvitation> {
  if (!grantsAtLeast(actor.role, body.role))
    throw forbidden(`Your role ${actor.role} may not invite as ${body.role}: nobody grants a role above their own.`);
  if (body.projectId) {
    if (!(await findOrganizationProject(organizationId, body.projectId))) throw notFound("Project of this organization");
    if (body.projectRole && !grantsAtLeast(actor.role, body.projectRole))
      throw forbidden(`Your role ${actor.role} may not invite as ${body.projectRole} of a project: nobody grants a role above their own.`);
  }
  const existing = await findUserByEmail(body.email);
  if (existing && (await findOrganizationMembership(organizationId, existing.id)))
    throw conflict(`${body.email} is already a member of this organization: change their role in the members list instead.`);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_VALID_DAYS * 86_400_000);
  const row = await prisma.$transaction(async (tx) => {
    const { before, row } = await upsertInvitation(tx, {
      organizationId,
      email: body.email,
      orgRole: body.role,
      projectId: body.projectId ?? null,
      projectRole: body.projectRole ?? null,
      invitedByUserId: actor.user.id,
      tokenHash: hashToken(token),
      expiresAt,
    });
    await recordAudit(tx, actor.audit, {
      action: "invitation.created",
      organizationId,
      projectId: body.projectId ?? null,
      resource: { type: "invitation", id: row.id },
      before: before ? { ...auditShape(before), state: invitationState(before) } : null,
      after: auditShape(row),
    });
    return row;
  }, TX_OPTIONS);
  const url = `${baseUrl}/auth/invite/${token}`;
  return { ...toInvitation(row), url, emailed: await mailInvitation(row, url) };
}

/** Mails the link when SMTP is configured; a mail failure does not undo the invitation (the link is shown anyway). */
async function mailInvitation(row: InvitationRow, url: string): Promise<boolean> {
  if (!mailConfigured()) return false;
  const inviter = row.invitedBy ? row.invitedBy.name || row.invitedBy.email : "An administrator";
  try {
    return await sendMail({
      to: row.email,
      subject: `You are invited to ${row.organization.name} on Loupe`,
      text: `${inviter} invited you to join the organization ${row.organization.name} on Loupe as ${row.orgRole}.\n\nAccept the invitation here, within ${INVITATION_VALID_DAYS} days:\n${url}\n\nThe link works once. If you did not expect it, ignore this mail.`,
    });
  } catch (error) {
    logger.warn({ invitationId: row.id, err: (error as Error).message }, "invitation mail not sent; the inviter has the link");
    return false;
  }
}

export async function revokeInvitationById(organizationId: string, invitationId: string, actor: MembersActor): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const row = await revokeInvitation(tx, organizationId, invitationId);
    if (!row) throw notFound("Open invitation");
    await recordAudit(tx, actor.audit, {
      action: "invitation.revoked",
      organizationId,
      projectId: row.projectId,
      resource: { type: "invitation", id: row.id },
      before: { ...auditShape(row), state: invitationState(row) },
      after: { state: "revoked" },
    });
  }, TX_OPTIONS);
}

/** What the invitation page shows for a token: its state, and for a pending one whom it is for and what it grants. */
export type InvitationView =
  | { state: "unknown" | Exclude<InvitationState, "pending">; message: string }
  | {
      state: "pending";
      email: string;
      organizationName: string;
      role: string;
      projectName: string | null;
      projectRole: Role | null;
      invitedBy: string | null;
      expiresAt: string;
      accountExists: boolean;
      /** Why this person may not set a password here (passwords off, SSO enforced): they join through SSO. */
      passwordRefusal: string | null;
    };

export async function describeInvitation(token: string): Promise<InvitationView> {
  const row = token.length >= 20 && token.length <= 100 ? await findInvitationByTokenHash(hashToken(token)) : null;
  if (!row) return { state: "unknown", message: INVITATION_STATE_MESSAGES.unknown };
  const state = invitationState(row);
  if (state !== "pending") return { state, message: INVITATION_STATE_MESSAGES[state] };
  const view = toInvitation(row);
  return {
    state,
    email: row.email,
    organizationName: row.organization.name,
    role: row.orgRole,
    projectName: view.project?.name ?? null,
    projectRole: view.projectRole,
    invitedBy: view.invitedBy,
    expiresAt: view.expiresAt,
    accountExists: (await findUserByEmail(row.email)) !== null,
    passwordRefusal: passwordRefusal(row.email),
  };
}

/** The open invitation of a token, or the error the caller sees (404 unknown, 409 expired/revoked/used). */
async function openInvitation(token: string): Promise<InvitationRow> {
  const row = await findInvitationByTokenHash(hashToken(token));
  if (!row) throw notFound("Invitation (the link is not valid)");
  const state = invitationState(row);
  if (state !== "pending")
    throw new DomainError(409, INVITATION_STATE_MESSAGES[state], `Invitation${state[0]?.toUpperCase()}${state.slice(1)}`);
  return row;
}

/** Spends the invitation and gives `userId` its roles, in the caller's transaction; 409 when someone spent it first. */
async function join(tx: Tx, row: InvitationRow, userId: string, audit: AuditContext, via: "sign-in" | "sign-up" | "sso") {
  if (!(await markInvitationAccepted(tx, row.id, userId, new Date()))) throw conflict(INVITATION_STATE_MESSAGES.accepted);
  const membership = await ensureOrganizationMembership(tx, row.organizationId, userId, row.orgRole);
  const project = row.project && !row.project.deletedAt && row.projectRole && row.projectRole !== "NONE" ? row.project : null;
  if (project && row.projectRole)
    await upsertProjectOverride(tx, { projectId: project.id, userId, orgMembershipId: membership.id, role: row.projectRole });
  await recordAudit(tx, audit, {
    action: "invitation.accepted",
    organizationId: row.organizationId,
    projectId: project?.id ?? null,
    resource: { type: "invitation", id: row.id },
    before: { role: membership.before },
    after: { role: membership.after, projectId: project?.id ?? null, projectRole: project ? row.projectRole : null, userId, via },
  });
}

async function landing(userId: string, row: InvitationRow): Promise<TAcceptedInvitation> {
  const projects = (await listProjectsForUser(userId)).filter((p) => p.organization.id === row.organizationId);
  const preferred = projects.find((p) => p.id === row.projectId) ?? projects[0];
  return { organizationId: row.organizationId, projectId: preferred?.id ?? null };
}

/** A signed-in person accepts: only with the invited e-mail. */
export async function acceptInvitation(
  token: string,
  user: { id: string; email: string },
  ip: string | null,
): Promise<TAcceptedInvitation> {
  const row = await openInvitation(token);
  if (row.email.toLowerCase() !== user.email.toLowerCase())
    throw forbidden(
      `This invitation is for ${row.email}, and you are signed in as ${user.email}. Sign out and sign in (or sign up) as ${row.email}.`,
    );
  await prisma.$transaction(
    (tx) => join(tx, row, user.id, { actor: { type: "user", id: user.id, email: user.email }, ip }, "sign-in"),
    TX_OPTIONS,
  );
  return landing(user.id, row);
}

/**
 * A new person's account, made from the invitation page with the invited e-mail, straight into the
 * organization. Allowed even with AUTH_DISABLE_SIGNUP (the invitation is the administrator's consent);
 * refused where passwords are (AUTH_DISABLE_USERNAME_PASSWORD, SSO-enforced domains): those join through SSO.
 */
export async function signUpWithInvitation(
  token: string,
  body: { name?: string; password: string },
  ip: string | null,
): Promise<TAcceptedInvitation & { email: string }> {
  const row = await openInvitation(token);
  const refusal = passwordRefusal(row.email);
  if (refusal) throw forbidden(refusal);
  if (await findUserByEmail(row.email)) throw conflict(`An account for ${row.email} exists already: sign in to accept the invitation.`);
  if (body.password.length < 8) throw badRequest("password: use at least 8 characters");
  const passwordHash = await hashPassword(body.password);
  const user = await prisma.$transaction(async (tx) => {
    const created = await createUserInTx(tx, { email: row.email, name: body.name || null, passwordHash });
    await join(tx, row, created.id, { actor: { type: "user", id: created.id, email: created.email }, ip }, "sign-up");
    return created;
  }, TX_OPTIONS);
  return { ...(await landing(user.id, row)), email: user.email };
}

/** Whether an e-mail has an invitation waiting (an SSO sign-up is then allowed even with AUTH_DISABLE_SIGNUP). */
export async function hasPendingInvitation(email: string): Promise<boolean> {
  return (await listPendingInvitationsForEmail(email)).length > 0;
}

/**
 * At an SSO sign-in (the identity provider vouches for the e-mail), joins every organization that invited
 * that e-mail. An invitation someone spent meanwhile is skipped. Returns the organizations joined.
 */
export async function joinInvitingOrganizations(user: { id: string; email: string }): Promise<string[]> {
  const joined: string[] = [];
  for (const row of await listPendingInvitationsForEmail(user.email)) {
    try {
      await prisma.$transaction(
        (tx) => join(tx, row, user.id, { actor: { type: "user", id: user.id, email: user.email }, ip: null }, "sso"),
        TX_OPTIONS,
      );
      joined.push(row.organizationId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return joined;
}
