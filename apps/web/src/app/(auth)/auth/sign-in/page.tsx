import { authPolicy, passwordResetByEmailAvailable, samlButton } from "@loupe/server";
import { SignInForm } from "@/features/auth";
import { ssoConfig } from "@/lib/server/env";

export const metadata = { title: "Sign in" };

export default function SignInPage() {
  const policy = authPolicy();
  const saml = samlButton();
  return (
    <SignInForm
      options={{
        sso: [...ssoConfig().buttons, ...(saml ? [saml] : [])],
        passwordEnabled: !policy.passwordDisabled,
        signupEnabled: !policy.signupDisabled,
        passwordResetByEmail: passwordResetByEmailAvailable(),
        ssoEnforcedDomains: policy.ssoEnforcedDomains,
      }}
    />
  );
}
