import { cn } from "@/lib/shared/cn";

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn("animate-pulse rounded bg-muted", className)} />;
}

/** Placeholder rows for a small settings table while it loads. */
export function SkeletonRows({ rows = 2, columns }: { rows?: number; columns: number }) {
  return Array.from({ length: rows }, (_, i) => (
    <tr key={i} className="h-9 border-t">
      <td colSpan={columns} className="px-3">
        <Skeleton className="h-4 w-full" />
      </td>
    </tr>
  ));
}

/** An editor or detail page while it loads: its title, then one block of the `body` height class. */
export function PageSkeleton({ body = "h-64" }: { body?: string }) {
  return (
    <div className="space-y-2 p-5">
      <Skeleton className="h-9 w-72" />
      <Skeleton className={cn(body, "w-full")} />
    </div>
  );
}
