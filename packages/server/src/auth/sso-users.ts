import {
  applyMembershipGrants,
  createSsoUser,
  findUserByAccount,
  findUserByEmailForSso,
  findUserById,
  linkUserAccount,
  updateUserProfile,
} from "@loupe/db";
import { groupsFromClaim, resolveGroupRoles } from "@loupe/domain";
import { z } from "zod";
import { recordAudit } from "../audit/audit.ts";
import { authPolicy } from "../env.ts";
import { hasPendingInvitation, joinInvitingOrganizations } from "../members/invitations.ts";
import { SIGNUP_DISABLED_MESSAGE } from "./sign-in-policy.ts";

export type SsoUser = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

/** Thrown when a sign-in must not go on; `code` travels to the sign-in page as `?error=<code>`. */
const REFUSALS = {
  SignupDisabled: SIGNUP_DISABLED_MESSAGE,
  EmailMissing: "The identity provider sent no valid e-mail address.",
  OAuthAccountNotLinked: "An account with this e-mail exists and linking this identity provider to it is not allowed.",
} as const;
export class SsoSignInRefused extends Error {
  constructor(readonly code: keyof typeof REFUSALS) {
    super(REFUSALS[code]);
  }
}

/**
 * The checks before an SSO sign-in may create or use an account: a valid e-mail, and no new account when
 * `AUTH_DISABLE_SIGNUP` is set, except for invited people: an open invitation for the e-mail is the
 * administrator's consent, so its first SSO sign-in makes the account (and joins the inviting organizations).
 */
export async function refuseSsoSignIn(input: { email: unknown; linkedUserId: string | null }): Promise<SsoSignInRefused | null> {
  const email = z.email().safeParse(typeof input.email === "string" ? input.email.trim() : input.email);
  if (!email.success) return new SsoSignInRefused("EmailMissing");
  if (input.linkedUserId) return null;
  if (authPolicy().signupDisabled && !(await findUserByEmailForSso(email.data)) && !(await hasPendingInvitation(email.data)))
    return new SsoSignInRefused("SignupDisabled");
  return null;
}

/** Creates the account of a person signing in through SSO for the first time (refused when sign-up is off, unless invited). */
export async function createUserFromSso(profile: {
  email: string;
  name?: string | null;
  image?: string | null;
  emailVerified?: Date | null;
}) {
  if (authPolicy().signupDisabled && !(await hasPendingInvitation(profile.email))) throw new SsoSignInRefused("SignupDisabled");
  return createSsoUser({
    email: profile.email,
    name: profile.name ?? null,
    image: profile.image ?? null,
    emailVerified: profile.emailVerified ?? null,
  });
}

/**
 * Applies `AUTH_SSO_GROUP_ROLES` to the groups the IdP sent (claim or attribute `AUTH_SSO_GROUPS_CLAIM`),
 * at every sign-in, so a change of groups at the IdP reaches Loupe the next time the person signs in.
 * Returns the groups read (for logs and tests).
 */
export async function applySsoGroupRoles(userId: string, claims: Record<string, unknown>): Promise<string[]> {
  const policy = authPolicy();
  const groups = groupsFromClaim(claims[policy.groupsClaim]);
  if (policy.groupRoleRules.length > 0)
    // The change is the IdP's (its groups), made at sign-in: the system is the actor, the person the resource.
    await applyMembershipGrants(userId, resolveGroupRoles(groups, policy.groupRoleRules), async (tx, changes) => {
      for (const c of changes) {
        await recordAudit(
          tx,
          { actor: { type: "system" }, ip: null },
          {
            action: c.after === null ? "member.removed" : "member.roleChanged",
            organizationId: c.organizationId,
            projectId: c.projectId,
            resource: { type: c.projectId ? "projectMembership" : "organizationMembership", id: userId },
            before: { role: c.before },
            after: { role: c.after, source: "sso-group-rules", groups },
          },
        );
      }
    });
  return groups;
}

/**
 * The user an SSO sign-in that next-auth does not run (SAML) is for, with next-auth's rules: the linked
 * account's user; else the user of that e-mail only when linking is allowed (`_ALLOW_ACCOUNT_LINKING`);
 * else a new user (unless sign-up is off). Group → role rules are applied before it returns.
 */
export async function resolveSsoUser(input: {
  provider: string;
  providerAccountId: string;
  email: unknown;
  name: string | null;
  allowLinking: boolean;
  claims: Record<string, unknown>;
}): Promise<SsoUser> {
  const linked = await findUserByAccount(input.provider, input.providerAccountId);
  const refusal = await refuseSsoSignIn({ email: input.email, linkedUserId: linked?.id ?? null });
  if (refusal) throw refusal;
  let user = linked;
  if (!user) {
    const email = String(input.email).trim();
    const byEmail = await findUserByEmailForSso(email);
    if (byEmail && !input.allowLinking) throw new SsoSignInRefused("OAuthAccountNotLinked");
    user = byEmail ?? (await createUserFromSso({ email, name: input.name }));
    await linkUserAccount({ userId: user.id, type: input.provider, provider: input.provider, providerAccountId: input.providerAccountId });
  }
  await applySsoGroupRoles(user.id, input.claims);
  await joinInvitingOrganizations(user);
  return user;
}

export { findUserByAccount, findUserByEmailForSso, findUserById, linkUserAccount, updateUserProfile };
