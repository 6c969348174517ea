"use client";

import type { FolderEntry } from "@loupe/domain";
import { Folder } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { type Column, DataTable } from "./data-table";
import { FolderBreadcrumb } from "./folder-breadcrumb";

/**
 * A list grouped into folders by the `/` in its names (prompts, datasets): the open folder's
 * breadcrumb, then one table of its entries (`listFolder`: sub-folders first, then items) from a query
 * that loads every item at once, so there is one page. A folder row opens in place and says how many
 * items it holds; an item row links to its page. `columns` describe items; folder rows leave them blank.
 */
export function FolderTable<T extends { name: string }>({
  folder,
  rootLabel,
  onOpenFolder,
  showBreadcrumb = true,
  entries,
  list,
  itemNoun,
  itemIcon,
  itemKey,
  itemHref,
  folderHref,
  nameClassName,
  linkTestId,
  columns,
  ...table
}: {
  folder: string;
  rootLabel: string;
  onOpenFolder: (path: string | null) => void;
  showBreadcrumb?: boolean;
  entries: FolderEntry<T>[];
  list: { data: unknown; isPending: boolean; error: Error | null; refetch: () => unknown };
  /** Singular and plural, for a folder's count ("3 prompts"). */
  itemNoun: [string, string];
  itemIcon: (item: T) => ReactNode;
  itemKey: (item: T) => string;
  itemHref: (item: T) => string;
  folderHref: (path: string) => string;
  nameClassName: string;
  linkTestId: string;
  columns: Column<T>[];
  errorTitle: string;
  empty: ReactNode;
  /** What a row is, for the table's count. */
  noun: string;
  rowTestId: string;
  minWidth: number;
}) {
  type Entry = FolderEntry<T>;
  const name: Column<Entry> = {
    header: "Name",
    className: nameClassName,
    cell: (e) =>
      e.kind === "folder" ? (
        <button type="button" className="flex items-center gap-2 font-medium hover:underline" onClick={() => onOpenFolder(e.path)}>
          <Folder className="h-4 w-4 text-muted-foreground" />
          {e.name}
          <span className="text-xs font-normal text-muted-foreground">
            {e.count} {e.count === 1 ? itemNoun[0] : itemNoun[1]}
          </span>
        </button>
      ) : (
        <Link href={itemHref(e.item)} className="flex min-w-0 items-center gap-2 font-medium hover:underline" data-testid={linkTestId}>
          {itemIcon(e.item)}
          <span className="truncate">{e.item.name.split("/").at(-1)}</span>
        </Link>
      ),
  };
  const itemColumns = columns.map(
    (c): Column<Entry> => ({
      ...c,
      cell: (e) => (e.kind === "prompt" ? c.cell(e.item) : ""),
      title: c.title ? (e) => (e.kind === "prompt" ? c.title?.(e.item) : undefined) : undefined,
    }),
  );
  const query = {
    data: list.data
      ? { data: entries, meta: { page: 1, limit: Math.max(entries.length, 1), totalItems: entries.length, totalPages: 1 } }
      : undefined,
    isPending: list.isPending,
    error: list.error,
    refetch: list.refetch,
  };
  return (
    <>
      {folder && showBreadcrumb ? <FolderBreadcrumb folder={folder} rootLabel={rootLabel} onOpen={onOpenFolder} /> : null}
      <DataTable
        {...table}
        columns={[name, ...itemColumns]}
        query={query}
        rowKey={(e) => (e.kind === "folder" ? `folder:${e.path}` : itemKey(e.item))}
        rowHref={(e) => (e.kind === "prompt" ? itemHref(e.item) : folderHref(e.path))}
        onPageChange={() => undefined}
      />
    </>
  );
}
