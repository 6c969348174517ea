import "server-only";
import { authenticateWithPassword, currentSessionVersion, endUserSessions } from "@loupe/server";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { webEnv } from "./env";

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

export function authOptions(): NextAuthOptions {
  const env = webEnv();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env.AUTH_SESSION_MAX_AGE * 60 },
    // Explicit rather than inferred: over https the session cookie is Secure (and __Secure- prefixed).
    useSecureCookies: env.NEXTAUTH_URL?.startsWith("https://") ?? false,
    pages: { signIn: "/auth/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          if (!credentials?.email || !credentials.password) return null;
          const result = await authenticateWithPassword(credentials.email, credentials.password, clientAddress(req?.headers));
          // next-auth hands a thrown message to the sign-in form as `error`.
          if (!result.ok && result.throttled) throw new Error(result.message);
          if (!result.ok) return null;
          const { id, email, name, sessionVersion } = result.user;
          return { id, email, name, sessionVersion };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
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
