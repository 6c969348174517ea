import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * This page's origin (for snippets and share links), "" in the server's HTML: reading `window` during
 * render would make the server's and the browser's first render differ (React error #418).
 */
export function useOrigin(): string {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
}
