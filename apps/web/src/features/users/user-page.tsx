"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { IdText } from "@/components/ui/id-text";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { TracesTable } from "@/features/traces";
import { ApiError } from "@/lib/api-client";
import { formatCost, formatTimestamp, formatTokens } from "@/lib/format";
import { projectRoutes } from "@/lib/routes";
import { useUser } from "./hooks/use-users";

const PAGE_SIZE = 50;

export function UserPage({ projectId, userId }: { projectId: string; userId: string }) {
  const [page, setPage] = useState(1);
  const user = useUser(projectId, userId, page, PAGE_SIZE);
  const back = (
    <Link
      href={projectRoutes(projectId).users}
      className="inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft className="h-3.5 w-3.5" /> Users
    </Link>
  );

  if (user.isError) {
    const missing = user.error instanceof ApiError && user.error.status === 404;
    return (
      <div className="space-y-4 p-5">
        {back}
        <ErrorState
          title={missing ? "User not found" : "Could not load this user"}
          message={missing ? "No trace of this project carries this user id (yet)." : user.error.message}
          onRetry={() => user.refetch()}
        />
      </div>
    );
  }
  const u = user.data?.user;
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b px-5 py-3">
        {back}
        <div className="mt-1 flex min-w-0 items-center gap-2">
          <h1 className="shrink-0 text-base font-semibold">User</h1>
          <IdText value={userId} copyLabel="Copy user id" className="text-muted-foreground" />
        </div>
        {u ? (
          <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
            <Stat label="Traces">{formatTokens(u.traceCount)}</Stat>
            <Stat label="Sessions">{formatTokens(u.sessionCount)}</Stat>
            <Stat label="Tokens">{formatTokens(u.totalTokens)}</Stat>
            <Stat label="Cost">
              <span data-testid="user-total-cost">{formatCost(u.totalCost)}</span>
            </Stat>
            <Stat label="First seen">{formatTimestamp(u.firstSeenAt)}</Stat>
            <Stat label="Last seen">
              <RelativeTime iso={u.lastSeenAt} />
            </Stat>
          </dl>
        ) : (
          <Skeleton className="mt-2 h-8 w-2/3" />
        )}
      </header>
      <div className="flex-1 p-5">
        <TracesTable
          projectId={projectId}
          query={{ data: user.data?.traces, isPending: user.isPending, error: user.error, refetch: user.refetch }}
          onPageChange={setPage}
          empty={<EmptyState title="No traces for this user" />}
          hide={["User"]}
        />
      </div>
    </div>
  );
}
