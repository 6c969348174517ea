import type { ReactNode } from "react";
import { cn } from "@/lib/shared/cn";
import { SkeletonRows } from "./skeleton";

/** A header cell: numbers right-aligned; an empty header (a row-actions column) stays blank. */
type SimpleColumn = { header: string; numeric?: boolean };

/**
 * The small table of a management page (evaluators, rules, connections: every row on one page, no
 * pager): ui.md's 13 px rows under a panel-coloured header, skeleton rows while `pending`. `minWidth`
 * is a Tailwind class (`min-w-[720px]`), so narrow windows scroll the table instead of squeezing it.
 */
export function SimpleTable({
  columns,
  minWidth,
  pending,
  children,
}: {
  columns: SimpleColumn[];
  minWidth: string;
  pending: boolean;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border">
      <table className={cn("w-full text-[13px]", minWidth)}>
        <thead className="bg-panel text-xs text-muted-foreground">
          <tr>
            {columns.map((c, i) =>
              c.header === "" ? (
                <th key={i} className="h-8 px-3" />
              ) : (
                <th key={c.header} className={cn("h-8 px-3 font-medium", c.numeric ? "text-right" : "text-left")}>
                  {c.header}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{pending ? <SkeletonRows columns={columns.length} /> : children}</tbody>
      </table>
    </div>
  );
}
