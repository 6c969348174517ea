export { SignInForm } from "./sign-in-form";
export { SignUpForm } from "./sign-up-form";
export { SamlComplete } from "./saml-complete";
export { ForgotPasswordForm, ResetPasswordForm } from "./password-reset-forms";
export { InvitationAcceptance } from "./invitation-acceptance";
