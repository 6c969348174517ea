// Runs once when the web server starts (Next's instrumentation hook): configuration warnings go to the
// log at start rather than at the first request that happens to need the setting.
export async function register() {
  const { nextRuntime, startupWarnings } = await import("./lib/server/env");
  if (nextRuntime() !== "nodejs") return;
  let warnings: string[];
  try {
    warnings = startupWarnings();
  } catch {
    return; // an invalid configuration is reported, with its fix, by the first request that reads it
  }
  for (const warning of warnings) console.warn(`[loupe] ${warning}`);
}
