/** Headers on every answer, set by next.config.ts for what Next serves and by the Node server for its hot routes. */
export const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
} as const;
