/**
 * Runs once when the server starts: a wrong setting (an SSO provider's, the sign-in policy's) stops it
 * here, named; a risky one (NEXTAUTH_URL unset in production) is logged as a warning.
 */
export async function register() {
  // biome-ignore lint/style/noProcessEnv: Next's own runtime marker, read before any env module may load (the edge runtime has none)
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkWebEnvAtStart } = await import("./lib/server/env");
  for (const warning of checkWebEnvAtStart()) console.warn(`[loupe] ${warning}`);
}
