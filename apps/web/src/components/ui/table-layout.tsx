"use client";

import { ArrowDown, ArrowUp, Columns3, Rows3 } from "lucide-react";
import { useLocalStorage } from "@/lib/client/use-local-storage";
import type { Column, Density } from "./data-table";
import { Popover } from "./popover";

type Layout = { order: string[]; hidden: string[]; density: Density };
const idOf = <T,>(c: Column<T>) => c.id ?? c.header;

/**
 * Which columns a table shows, in which order, and its row density, remembered per table in
 * localStorage. Columns added later appear at their default place; unknown ids are ignored.
 */
export function useTableLayout<T>(tableId: string, columns: Column<T>[], defaultHidden: string[] = []) {
  const [layout, setLayout] = useLocalStorage<Layout>(`loupe.table.${tableId}`, { order: [], hidden: defaultHidden, density: "default" });
  const ids = columns.map(idOf);
  const order = [...layout.order.filter((id) => ids.includes(id)), ...ids.filter((id) => !layout.order.includes(id))];
  const byId = new Map(columns.map((c) => [idOf(c), c]));
  const visible = order.filter((id) => !layout.hidden.includes(id)).flatMap((id) => byId.get(id) ?? []);
  return {
    visible,
    /** The chooser's state (a saved view stores it) and how a saved view restores it. */
    columns: { order, hidden: layout.hidden },
    applyColumns: (columns: { order: string[]; hidden: string[] }) => setLayout({ ...layout, ...columns }),
    density: layout.density,
    setDensity: (density: Density) => setLayout({ ...layout, order, density }),
    picker: (
      <>
        <Popover
          label="Columns"
          trigger={
            <>
              <Columns3 className="h-3.5 w-3.5" />
              Columns
            </>
          }
        >
          <ul className="space-y-0.5 text-xs">
            {order.map((id, i) => (
              <li key={id} className="flex items-center gap-1 rounded px-1 hover:bg-muted">
                <label className="flex flex-1 cursor-pointer items-center gap-2 py-1">
                  <input
                    type="checkbox"
                    checked={!layout.hidden.includes(id)}
                    onChange={(e) =>
                      setLayout({
                        ...layout,
                        order,
                        hidden: e.target.checked ? layout.hidden.filter((h) => h !== id) : [...layout.hidden, id],
                      })
                    }
                  />
                  {byId.get(id)?.header}
                </label>
                {[
                  { dir: -1, label: "up", Icon: ArrowUp },
                  { dir: 1, label: "down", Icon: ArrowDown },
                ].map(({ dir, label, Icon }) => (
                  <button
                    key={label}
                    type="button"
                    aria-label={`Move ${byId.get(id)?.header} ${label}`}
                    disabled={i + dir < 0 || i + dir >= order.length}
                    className="rounded p-0.5 text-muted-foreground hover:bg-background hover:text-foreground disabled:opacity-30"
                    onClick={() => {
                      const next = [...order];
                      [next[i], next[i + dir]] = [next[i + dir] as string, next[i] as string];
                      setLayout({ ...layout, order: next });
                    }}
                  >
                    <Icon className="h-3 w-3" />
                  </button>
                ))}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="mt-1 w-full rounded px-1 py-1 text-left text-xs text-muted-foreground hover:bg-muted"
            onClick={() => setLayout({ order: [], hidden: defaultHidden, density: layout.density })}
          >
            Reset columns
          </button>
        </Popover>
        <button
          type="button"
          aria-pressed={layout.density === "compact"}
          onClick={() => setLayout({ ...layout, order, density: layout.density === "compact" ? "default" : "compact" })}
          className="inline-flex h-7 items-center gap-1.5 rounded-md border bg-background px-2.5 text-xs font-medium hover:bg-muted aria-pressed:bg-muted"
          title="Compact rows (28 px)"
        >
          <Rows3 className="h-3.5 w-3.5" />
          Compact
        </button>
      </>
    ),
  };
}
