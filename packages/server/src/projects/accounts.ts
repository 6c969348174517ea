import type { TSignUpBody } from "@loupe/contracts";
import { createUser, findOrganizationRole, findProjectRole, findUserByEmail, listProjectsForUser } from "@loupe/db";
import { recordSignInAudit } from "../audit/audit.ts";
import { hashPassword, verifyAgainstDummyHash, verifyPassword } from "../auth/passwords.ts";
import { organizationCan, rolesWith } from "@loupe/domain";
import { type Capability, type Role, requireCapability } from "../auth/roles.ts";
import { passwordRefusal, SIGNUP_DISABLED_MESSAGE } from "../auth/sign-in-policy.ts";
import { checkSignIn, clearSignInFailures, recordSignInFailure } from "../auth/sign-in-throttle.ts";
import { authPolicy } from "../env.ts";
import { conflict, forbidden, notFound } from "../errors.ts";

// Sign-up says when an e-mail is taken: sign-up is open (anyone can try an address here anyway) and
// there is no mail channel to answer "check your inbox" instead; see docs/security.md.
export async function signUpWithPassword(body: TSignUpBody) {
  if (authPolicy().signupDisabled) throw forbidden(SIGNUP_DISABLED_MESSAGE);
  const refusal = passwordRefusal(body.email);
  if (refusal) throw forbidden(refusal);
  if (await findUserByEmail(body.email)) throw conflict("An account with this email already exists. Sign in instead.");
  const user = await createUser({ email: body.email, name: body.name || null, passwordHash: await hashPassword(body.password) });
  return { id: user.id, email: user.email };
}

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string | null; sessionVersion: number } }
  | { ok: false; throttled: false }
  /** Refused by the instance's policy (passwords off, SSO enforced for the domain): the message says to use SSO. */
  | { ok: false; throttled: false; refused: true; message: string }
  | { ok: false; throttled: true; message: string };

/**
 * Credentials check for next-auth, throttled per account and client address (sign-in-throttle.ts).
 * A mismatch never says which part was wrong, and an unknown e-mail costs the same scrypt run as a
 * wrong password.
 */
export async function authenticateWithPassword(email: string, password: string, address: string): Promise<SignInResult> {
  const refusal = passwordRefusal(email);
  if (refusal) {
    await recordSignInAudit({ type: "anonymous", email }, "password", address, "auth.signInFailed", "sso-enforced");
    return { ok: false, throttled: false, refused: true, message: refusal };
  }
  const verdict = await checkSignIn(email, address);
  if (!verdict.allowed) return { ok: false, throttled: true, message: verdict.message };
  if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
  const user = await findUserByEmail(email);
  const matches = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummyHash(password);
  if (!user || !matches) {
    await recordSignInFailure(email, address);
    await recordSignInAudit({ type: "anonymous", email }, "password", address, "auth.signInFailed");
    return { ok: false, throttled: false };
  }
  await clearSignInFailures(email, address);
  await recordSignInAudit({ type: "user", id: user.id, email: user.email }, "password", address);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}

export { listProjectsForUser };

/** Throws 404 (not 403) when the user is not a member, so project ids cannot be probed. */
export async function requireProjectAccess(userId: string, projectId: string, capability: Capability = "project:read"): Promise<Role> {
  const role = await findProjectRole(userId, projectId);
  if (!role) throw notFound("Project");
  requireCapability(role, capability);
  return role;
}

/** The organization twin of requireProjectAccess: 404 for a non-member, 403 when the org role lacks `capability`. */
export async function requireOrganizationAccess(userId: string, organizationId: string, capability: Capability): Promise<Role> {
  const role = await findOrganizationRole(userId, organizationId);
  if (!role) throw notFound("Organization");
  // NONE: a member of the organization (so 403, not 404) with no right at organization level.
  if (role === "NONE" || !organizationCan(role, capability))
    throw forbidden(
      `Your organization role ${role} may not do this (${capability}); it needs one of: ${rolesWith(capability).join(", ")}.`,
    );
  return role;
}
