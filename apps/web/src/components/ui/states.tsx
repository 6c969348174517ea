import { AlertTriangle } from "lucide-react";
import type { ReactNode } from "react";
import { isRetryable } from "@/lib/client/api-client";
import { Button } from "./button";

/**
 * A failed load: what failed and why. Given the `error`, its message is shown and the retry button only
 * when trying again can help (`isRetryable`); a 400/403/404 shows its reason alone.
 */
export function ErrorState({
  title,
  message,
  error,
  onRetry: retry,
}: {
  title: string;
  message?: string;
  error?: unknown;
  onRetry?: () => void;
}) {
  const onRetry = error === undefined || isRetryable(error) ? retry : undefined;
  if (message === undefined) message = error instanceof Error && error.message ? error.message : "Unknown error";
  return (
    <div role="alert" className="flex flex-col items-center gap-3 rounded-lg border border-dashed p-10 text-center">
      <AlertTriangle className="h-6 w-6 text-danger" />
      <div>
        <p className="font-medium">{title}</p>
        <p className="mt-1 text-sm text-muted-foreground">{message}</p>
      </div>
      {onRetry ? (
        <Button variant="secondary" size="sm" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

export function EmptyState({ icon, title, children }: { icon?: ReactNode; title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-3 rounded-lg border border-dashed p-10 text-center">
      {icon}
      <p className="font-medium">{title}</p>
      {children ? <div className="w-full max-w-2xl text-sm text-muted-foreground">{children}</div> : null}
    </div>
  );
}
