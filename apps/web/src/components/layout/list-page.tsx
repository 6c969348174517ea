"use client";

import { RefreshCw } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/shared/cn";
import { formatCount } from "@/lib/shared/format";
import { PageHeader } from "./app-shell";

/** A list page: title, the total count (or an intro while loading), a refresh button, then the table. */
export function ListPage({
  title,
  intro,
  noun,
  query,
  actions,
  children,
}: {
  title: string;
  intro: string;
  /** What one row is ("session"), for the count under the title. */
  noun: string;
  query: { data: { meta: { totalItems: number; totalIsLowerBound?: boolean } } | undefined; isFetching: boolean; refetch: () => unknown };
  actions?: ReactNode;
  children: ReactNode;
}) {
  const meta = query.data?.meta;
  return (
    <div className="flex min-h-screen flex-col">
      <PageHeader
        title={title}
        description={meta === undefined ? intro : formatCount(meta.totalItems, noun, { atLeast: meta.totalIsLowerBound })}
        actions={
          <div className="flex items-center gap-2">
            {actions}
            <Button variant="secondary" size="sm" onClick={() => query.refetch()} aria-label="Refresh">
              <RefreshCw className={cn("h-3.5 w-3.5", query.isFetching && "animate-spin")} />
              Refresh
            </Button>
          </div>
        }
      />
      <div className="flex-1 p-5">{children}</div>
    </div>
  );
}
