const BASE = "http://loupe.invalid";

/**
 * The path (+ query + hash) to return to after sign-in, or `fallback` when `raw` could lead anywhere
 * else. Only same-origin paths are kept: `//evil.com`, `/\evil.com` (browsers read "\" as "/"),
 * `https://evil.com` and anything with control characters would be an open redirect, a phishing aid.
 */
export function safeCallbackPath(raw: string | null | undefined, fallback = "/"): string {
  if (!raw?.startsWith("/") || raw.startsWith("//")) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  try {
    const url = new URL(raw, BASE);
    if (url.origin !== BASE) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

/** `/auth/sign-in?callbackUrl=<path>` for a page a signed-out person opened. */
export function signInUrlFor(path: string): string {
  const safe = safeCallbackPath(path, "");
  return safe && safe !== "/" ? `/auth/sign-in?callbackUrl=${encodeURIComponent(safe)}` : "/auth/sign-in";
}
