/** What the sign-in page offers, decided on the server from the environment and passed to the form. */
export type SignInOptions = {
  sso: { id: string; label: string }[];
  passwordEnabled: boolean;
  signupEnabled: boolean;
  /** SMTP is configured: the form offers "Forgot your password?". */
  passwordResetByEmail: boolean;
  /** AUTH_DOMAINS_WITH_SSO_ENFORCEMENT, lower-cased: the form sends these people to SSO. */
  ssoEnforcedDomains: string[];
};

/**
 * next-auth's error codes (and Loupe's own from the signIn callback) in words, for `?error=` on the
 * sign-in page where every failed SSO callback lands.
 */
const MESSAGES: Record<string, string> = {
  OAuthSignin: "The sign-in with your identity provider could not start. Try again; if it keeps failing, tell your administrator.",
  OAuthCallback:
    "Your identity provider's answer could not be verified (it expired, was used twice or was altered). Nothing was signed in: start again.",
  OAuthCreateAccount: "Your account could not be created from the identity provider's details. Tell your administrator.",
  OAuthAccountNotLinked:
    "An account with this email already exists. Sign in the way you did before; an administrator can allow linking this provider.",
  Callback: "The sign-in could not be completed. Nothing was signed in: start again.",
  AccessDenied: "This account may not sign in here.",
  SignupDisabled: "Sign-up is turned off on this instance. Ask an administrator to create your account.",
  EmailMissing: "Your identity provider sent no valid email address, which Loupe needs. Tell your administrator.",
  SamlInvalid:
    "Your identity provider's SAML answer was refused (its signature, audience or validity period did not check out). Nothing was signed in: start again.",
  SamlReplayed: "This SAML answer was already used. Nothing was signed in: start again.",
  SamlOtherBrowser:
    "This SAML sign-in was not started in this browser, so it was refused (someone else's sign-in cannot be completed here). Nothing was signed in: start again from this page.",
  SessionRequired: "Sign in to see this page.",
  CredentialsSignin: "Wrong email or password.",
  Configuration: "Sign-in is misconfigured on this instance. Tell your administrator.",
};

export function signInErrorMessage(code: string | null): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? "The sign-in did not complete. Try again.";
}
