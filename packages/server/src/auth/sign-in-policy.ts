import { emailDomain, isSsoEnforced } from "@loupe/domain";
import { authPolicy } from "../env.ts";

/**
 * Why this e-mail may not use a password (sign-in or sign-up), or null when it may. The one rule the
 * sign-in form, the sign-up route and the credentials callback all apply.
 */
export function passwordRefusal(email: string): string | null {
  const policy = authPolicy();
  if (policy.passwordDisabled) {
    return "Sign-in with email and password is turned off on this instance. Use single sign-on (SSO).";
  }
  if (isSsoEnforced(email, policy.ssoEnforcedDomains)) {
    return `Accounts of ${emailDomain(email)} sign in through single sign-on (SSO), not with a password. Use SSO.`;
  }
  return null;
}

export const SIGNUP_DISABLED_MESSAGE = "Sign-up is turned off on this instance. Ask an administrator to create your account.";
