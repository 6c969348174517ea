import { createHash, randomBytes } from "node:crypto";
import { administeredOrganizationOf, consumePasswordResetToken, findUserByEmail, findUserById, storePasswordResetToken } from "@loupe/db";
import { redisKey } from "@loupe/jobs";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { badRequest, forbidden, notFound } from "../errors.ts";
import { logger } from "../logger.ts";
import { mailConfigured, sendMail } from "./mail.ts";
import { sharedRedis } from "../redis.ts";
import { MIN_PASSWORD_LENGTH } from "./passwords.ts";
import { changeUserPassword } from "./sessions.ts";
import { passwordRefusal } from "./sign-in-policy.ts";

/**
 * Password reset by a one-time link: by e-mail when SMTP is configured (`SMTP_CONNECTION_URL`,
 * `EMAIL_FROM_ADDRESS`, Langfuse's names), or made by an organization admin for a member. Only the
 * SHA-256 of a token is stored; a token works once, and the new password ends every session.
 */
const EMAIL_LINK_MINUTES = 30;
const ADMIN_LINK_MINUTES = 24 * 60;
const hash = (token: string) => createHash("sha256").update(token).digest("hex");

async function issueLink(userId: string, baseUrl: string, minutes: number) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + minutes * 60_000);
  await storePasswordResetToken(userId, hash(token), expiresAt);
  return { url: `${baseUrl}/auth/reset-password?token=${token}`, expiresAt: expiresAt.toISOString() };
}

export const passwordResetByEmailAvailable = mailConfigured;

export const PASSWORD_RESET_SENT =
  "If an account with a password exists for this email, a reset link is on its way. It works for 30 minutes.";

/**
 * Mails a reset link. The answer is the same whether or not the account exists (no enumeration); one
 * mail per address a minute. SSO-only accounts and SSO-enforced domains get none.
 */
export async function requestPasswordResetByEmail(email: string, baseUrl: string): Promise<{ message: string }> {
  if (!mailConfigured())
    throw badRequest(
      "Password reset by email is not set up on this instance (SMTP_CONNECTION_URL, EMAIL_FROM_ADDRESS). Ask an administrator for a reset link.",
    );
  const user = await findUserByEmail(email);
  if (!user?.passwordHash || passwordRefusal(user.email)) return { message: PASSWORD_RESET_SENT };
  const fresh = await sharedRedis().set(redisKey("password-reset", "mail", user.id), "1", "EX", 60, "NX");
  if (fresh !== "OK") return { message: PASSWORD_RESET_SENT };
  const { url } = await issueLink(user.id, baseUrl, EMAIL_LINK_MINUTES);
  await sendMail({
    to: user.email,
    subject: "Reset your Loupe password",
    text: `Someone asked to reset the password of your Loupe account (${user.email}).\n\nSet a new password here, within ${EMAIL_LINK_MINUTES} minutes:\n${url}\n\nIf it was not you, ignore this mail; your password stays as it is.`,
  });
  logger.info({ userId: user.id }, "password reset link mailed");
  return { message: PASSWORD_RESET_SENT };
}

/** A reset link an OWNER/ADMIN makes for a member of their organization, to hand over (valid 24 hours). */
export async function createPasswordResetLink(actorUserId: string, email: string, baseUrl: string, audit: AuditContext) {
  const user = await findUserByEmail(email);
  const organizationId = user ? await administeredOrganizationOf(actorUserId, user.id) : null;
  if (!user || !organizationId) throw notFound(`A member with email ${email}`);
  const refusal = passwordRefusal(user.email);
  if (refusal) throw forbidden(refusal);
  const link = await issueLink(user.id, baseUrl, ADMIN_LINK_MINUTES);
  // The link is a bearer secret: only who made it, for whom and until when goes into the log.
  await recordAudit(undefined, audit, {
    action: "user.passwordResetLinkCreated",
    organizationId,
    resource: { type: "user", id: user.id },
    after: { email: user.email, expiresAt: link.expiresAt },
  });
  return link;
}

/** Sets the new password of the token's user; the token is spent and every session of the user ends. */
export async function resetPasswordWithToken(token: string, password: string): Promise<{ email: string }> {
  if (password.length < MIN_PASSWORD_LENGTH) throw badRequest(`password: use at least ${MIN_PASSWORD_LENGTH} characters`);
  const userId = await consumePasswordResetToken(hash(token));
  const user = userId ? await findUserById(userId) : null;
  if (!user) throw badRequest("This reset link is not valid any more (used, replaced or expired). Ask for a new one.");
  const refusal = passwordRefusal(user.email);
  if (refusal) throw forbidden(refusal);
  await changeUserPassword(user.id, password);
  return { email: user.email };
}
