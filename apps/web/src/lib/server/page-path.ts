import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signInUrlFor } from "@/lib/shared/safe-callback";

/** Set by proxy.ts on every page request: the path and query the browser asked for. */
export const PAGE_PATH_HEADER = "x-loupe-page-path";

/** Sends a signed-out person to sign-in, coming back to exactly the page they opened (path and query). */
export async function redirectToSignIn(fallbackPath: string): Promise<never> {
  const asked = (await headers()).get(PAGE_PATH_HEADER);
  redirect(signInUrlFor(asked || fallbackPath));
}
