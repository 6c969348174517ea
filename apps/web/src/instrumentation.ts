/** Runs once when the server starts: a wrong setting (an SSO provider's, the sign-in policy's) stops it here, named. */
export async function register() {
  // biome-ignore lint/style/noProcessEnv: Next's own runtime marker, read before any env module may load (the edge runtime has none)
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkWebEnvAtStart } = await import("./lib/server/env");
  checkWebEnvAtStart();
}
