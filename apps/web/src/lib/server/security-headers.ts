import "server-only";

/**
 * Headers of every HTML page (set per request by src/proxy.ts). Scripts run only with this request's
 * nonce: Next puts it on its own inline and chunk scripts, next-themes on its theme script, and
 * 'strict-dynamic' lets those load the rest. Styles keep 'unsafe-inline' because server-rendered
 * markup carries style attributes (resizable panels, virtualised rows) that a nonce cannot cover;
 * a style cannot run code. Over https the browser is also told to stay on https (HSTS).
 */
export function pageSecurityHeaders(opts: { nonce: string; https: boolean; dev: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "content-security-policy": csp,
    ...(opts.https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
