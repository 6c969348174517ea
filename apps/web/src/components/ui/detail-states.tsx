import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { ApiError } from "@/lib/client/api-client";
import { Skeleton } from "./skeleton";
import { ErrorState } from "./states";

/** "← Traces" above a detail page's title. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground">
      <ArrowLeft className="h-3.5 w-3.5" /> {children}
    </Link>
  );
}

/** A detail page that failed to load: "<What> not found" with a hint for 404s, else the error and a retry. */
export function DetailError({
  back,
  what,
  error,
  missingHint,
  onRetry,
}: {
  back: ReactNode;
  what: string;
  error: Error;
  missingHint: string;
  onRetry: () => void;
}) {
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <div className="space-y-4 p-5">
      {back}
      <ErrorState
        title={missing ? `${what} not found` : `Could not load this ${what.toLowerCase()}`}
        message={missing ? missingHint : error.message}
        error={error}
        onRetry={onRetry}
      />
    </div>
  );
}

/** A detail page's skeleton while its first answer loads. */
export function DetailLoading({ back }: { back: ReactNode }) {
  return (
    <div className="space-y-4 p-5" aria-busy>
      {back}
      <Skeleton className="h-8 w-1/3" />
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
