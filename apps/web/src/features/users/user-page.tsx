"use client";

import { useState } from "react";
import { BackLink, DetailError } from "@/components/ui/detail-states";
import { IdText } from "@/components/ui/id-text";
import { RelativeTime, Timestamp } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import { EmptyState } from "@/components/ui/states";
import { TracesTable } from "@/features/traces";
import { formatCost, formatTokens } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";
import { UserActivity } from "./components/user-activity";
import { useUser } from "./hooks/use-users";

const PAGE_SIZE = 50;

export function UserPage({ projectId, userId }: { projectId: string; userId: string }) {
  const [page, setPage] = useState(1);
  const user = useUser(projectId, userId, page, PAGE_SIZE);
  const back = <BackLink href={projectRoutes(projectId).users}>Users</BackLink>;

  if (user.isError) {
    return (
      <DetailError
        back={back}
        what="User"
        error={user.error}
        missingHint="No trace of this project carries this user id (yet)."
        onRetry={() => user.refetch()}
      />
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
            <Stat label="First seen">
              <Timestamp iso={u.firstSeenAt} />
            </Stat>
            <Stat label="Last seen">
              <RelativeTime iso={u.lastSeenAt} />
            </Stat>
          </dl>
        ) : (
          <Skeleton className="mt-2 h-8 w-2/3" />
        )}
      </header>
      <div className="flex-1 space-y-4 p-5">
        <UserActivity projectId={projectId} userId={userId} />
        <h2 className="text-sm font-semibold">Traces</h2>
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
