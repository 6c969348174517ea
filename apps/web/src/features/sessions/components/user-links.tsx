import Link from "next/link";
import { Dash } from "@/components/ui/id-text";
import { projectRoutes } from "@/lib/shared/routes";

/** The first few user ids of a session as links to their pages, then "+N". */
export function UserLinks({ projectId, userIds, max = 2 }: { projectId: string; userIds: string[]; max?: number }) {
  if (userIds.length === 0) return <Dash />;
  return (
    <span className="flex min-w-0 items-center gap-1.5" title={userIds.join(", ")}>
      {userIds.slice(0, max).map((u) => (
        <Link
          key={u}
          href={projectRoutes(projectId).user(u)}
          onClick={(e) => e.stopPropagation()}
          className="min-w-0 truncate font-mono text-xs hover:text-accent hover:underline"
        >
          {u}
        </Link>
      ))}
      {userIds.length > max ? <span className="shrink-0 text-xs text-muted-foreground">+{userIds.length - max}</span> : null}
    </span>
  );
}
