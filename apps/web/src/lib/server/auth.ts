import "server-only";
import {
  applySsoGroupRoles,
  authenticateWithPassword,
  createUserFromSso,
  currentSessionVersion,
  endUserSessions,
  findUserByAccount,
  findUserByEmailForSso,
  findUserById,
  joinInvitingOrganizations,
  linkUserAccount,
  recordSignInAudit,
  redeemSamlToken,
  refuseSsoSignIn,
  SAML_REQUEST_COOKIE,
  type SsoUser,
  updateUserProfile,
} from "@loupe/server";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import CredentialsProvider from "next-auth/providers/credentials";
import { ssoConfig, webEnv } from "./env";

/**
 * The client address for the sign-in throttle: the last X-Forwarded-For entry, which is the address
 * the nearest proxy (or Next itself, when there is none) saw. Earlier entries are the client's word.
 */
function clientAddress(headers: Record<string, unknown> | Headers | undefined): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers?.["x-forwarded-for"];
  const last = String(raw ?? "")
    .split(",")
    .pop()
    ?.trim();
  return last || "unknown";
}

/** One cookie of the request next-auth hands to `authorize` (its headers are a plain object there). */
function cookieValue(headers: Record<string, unknown> | Headers | undefined, name: string): string | undefined {
  const raw = headers instanceof Headers ? headers.get("cookie") : headers?.cookie;
  for (const part of String(raw ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

const asAdapterUser = (user: SsoUser | null): AdapterUser | null => user && { ...user, emailVerified: user.emailVerified };

/**
 * SSO accounts in Loupe's own tables (User, Account) through @loupe/server. Sessions stay JWTs, so only
 * the user and account methods are needed; next-auth links an IdP account to an existing user of the
 * same e-mail only when the provider's `_ALLOW_ACCOUNT_LINKING=true` (else "OAuthAccountNotLinked").
 */
const ssoAdapter: Adapter = {
  createUser: async (profile: Omit<AdapterUser, "id">) => asAdapterUser(await createUserFromSso(profile)) as AdapterUser,
  getUser: async (id) => asAdapterUser(await findUserById(id)),
  getUserByEmail: async (email) => asAdapterUser(await findUserByEmailForSso(email)),
  getUserByAccount: async ({ provider, providerAccountId }) => asAdapterUser(await findUserByAccount(provider, providerAccountId)),
  updateUser: async ({ id, name, image, emailVerified }) =>
    asAdapterUser(await updateUserProfile(id, { name, image, emailVerified })) as AdapterUser,
  linkAccount: async ({ userId, type, provider, providerAccountId }: AdapterAccount) => {
    await linkUserAccount({ userId, type, provider, providerAccountId });
  },
};

export function authOptions(): NextAuthOptions {
  const env = webEnv();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env.AUTH_SESSION_MAX_AGE * 60 },
    // Explicit rather than inferred: over https the session cookie is Secure (and __Secure- prefixed).
    useSecureCookies: env.NEXTAUTH_URL?.startsWith("https://") ?? false,
    // Failed SSO callbacks (bad state, bad code, IdP error) land on the sign-in page, which says why.
    pages: { signIn: "/auth/sign-in", error: "/auth/sign-in" },
    adapter: ssoAdapter,
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          if (!credentials?.email || !credentials.password) return null;
          const result = await authenticateWithPassword(credentials.email, credentials.password, clientAddress(req?.headers));
          // next-auth hands a thrown message to the sign-in form as `error` (throttling, "use SSO").
          if (!result.ok && "message" in result) throw new Error(result.message);
          if (!result.ok) return null;
          const { id, email, name, sessionVersion } = result.user;
          return { id, email, name, sessionVersion };
        },
      }),
      // SAML: /api/auth/saml/acs checks the IdP's answer and hands out a one-time token, redeemed here, so
      // the session is made (and revoked) like every other.
      CredentialsProvider({
        id: "saml",
        name: "SAML",
        credentials: { token: { label: "token", type: "text" } },
        async authorize(credentials, req) {
          if (!credentials?.token) return null;
          const redeemed = await redeemSamlToken(credentials.token, cookieValue(req?.headers, SAML_REQUEST_COOKIE));
          // The code reaches the completion page as `error`, which sends the person to the sign-in page's message.
          if (!redeemed.ok) throw new Error(redeemed.code);
          const user = await findUserById(redeemed.userId);
          return user && { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        },
      }),
      ...ssoConfig().providers,
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.type !== "oauth") return true;
        const linkedUserId = "sessionVersion" in user ? user.id : null;
        const refusal = await refuseSsoSignIn({ email: user.email, linkedUserId });
        return refusal ? `/auth/sign-in?error=${refusal.code}` : true;
      },
      async jwt({ token, user, account, profile }) {
        if (user) {
          // Group → role rules run before the session cookie is written: if they fail, no session is made.
          if (account?.type === "oauth" && profile) await applySsoGroupRoles(user.id, profile as Record<string, unknown>);
          // The identity provider vouches for the e-mail: its open invitations are accepted at this sign-in.
          if (account?.type === "oauth" && user.email) await joinInvitingOrganizations({ id: user.id, email: user.email });
          token.uid = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          return token;
        }
        // Every use of a session compares its version with the user's (sign-out, password change and
        // removal from an organization raise it); a stale token is treated as signed out.
        if (typeof token.uid !== "string" || (await currentSessionVersion(token.uid)) !== token.sv) return {};
        return token;
      },
      session({ session, token }) {
        if (session.user && typeof token.uid === "string") (session.user as { id?: string }).id = token.uid;
        return session;
      },
    },
    events: {
      // Password sign-ins are audited where the password is checked (with the address); SSO and SAML here.
      async signIn({ user, account }) {
        if (!account || account.provider === "credentials" || !user.email) return;
        await recordSignInAudit({ type: "user", id: user.id, email: user.email }, account.provider, null);
      },
      async signOut({ token }) {
        if (typeof token?.uid === "string") await endUserSessions(token.uid);
      },
    },
  };
}

export type SessionUser = { id: string; email: string; name: string | null };

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as { id?: string; email?: string | null; name?: string | null } | undefined;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null };
}
