import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether a scrape may read a /metrics endpoint: always when no token is configured
 * (`LOUPE_METRICS_TOKEN` unset), otherwise only with `Authorization: Bearer <token>`. Digests are
 * compared so the comparison takes the same time whatever the length or prefix of a guess.
 */
export function isMetricsScrapeAllowed(authorization: string | null | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!presented) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(presented), digest(token));
}
