"use client";

import { Keyboard, X } from "lucide-react";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";

// Keyboard shortcuts in one place (ui.md: `/`, j/k, Enter, Esc, `?`). Components declare their keys
// with useShortcuts; one window listener dispatches them, and the `?` dialog lists exactly the keys
// the mounted components declared, so the help cannot drift from what the page does.

export type Shortcut = {
  /** KeyboardEvent.key values ("j", "ArrowDown", "Escape", "/"). */
  keys: string[];
  /** What it does, as the `?` dialog lists it. */
  description: string;
  /**
   * The action. Return false when the key does not apply right now (the browser keeps its default).
   * Omitted for keys an element handles itself (Enter on a focused row): they are listed, not bound.
   */
  run?: (event: KeyboardEvent) => unknown;
};

type Registration = { group: string; shortcuts: () => Shortcut[] };
type Registry = { register: (registration: Registration) => () => void; openHelp: () => void };

const ShortcutsContext = createContext<Registry | null>(null);

/** Typing in a field never triggers a shortcut. */
export const isTypingTarget = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** A dialog or popover is open: it owns the keyboard, Escape included. */
const overlayOpen = () => document.querySelector("dialog[open], [role='dialog']") !== null;

const GENERAL: Shortcut[] = [
  { keys: ["?"], description: "Show keyboard shortcuts" },
  { keys: ["Escape"], description: "Close a dialog or a popover" },
];

export function ShortcutsProvider({ children }: { children: ReactNode }) {
  // Insertion-ordered; effects run child-first, so the innermost component's keys are tried first.
  const registrations = useRef(new Map<number, Registration>());
  const nextId = useRef(0);
  const [helpOpen, setHelpOpen] = useState(false);
  const register = useCallback((registration: Registration) => {
    const id = nextId.current++;
    registrations.current.set(id, registration);
    return () => {
      registrations.current.delete(id);
    };
  }, []);
  const registry = useMemo(() => ({ register, openHelp: () => setHelpOpen(true) }), [register]);

  useEffect(() => {
    // On window, so it runs after elements that handle a key themselves (and call preventDefault).
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target) || overlayOpen()) return;
      if (e.key === "?") {
        e.preventDefault();
        setHelpOpen(true);
        return;
      }
      for (const registration of registrations.current.values()) {
        for (const shortcut of registration.shortcuts()) {
          if (!shortcut.run || !shortcut.keys.includes(e.key)) continue;
          if (shortcut.run(e) === false) continue;
          e.preventDefault();
          return;
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <ShortcutsContext.Provider value={registry}>
      {children}
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} groups={helpOpen ? groupsOf(registrations.current) : []} />
    </ShortcutsContext.Provider>
  );
}

/**
 * Declares a component's keys while it is mounted (and `enabled`). Handlers may close over fresh
 * state: the latest list is read at key time, so re-renders do not re-register.
 */
export function useShortcuts(group: string, shortcuts: Shortcut[], enabled = true) {
  const registry = useContext(ShortcutsContext);
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => {
    if (!registry || !enabled) return;
    return registry.register({ group, shortcuts: () => latest.current });
  }, [registry, group, enabled]);
}

/** Opens the `?` dialog (for a visible button next to the keyboard shortcut). */
export function useOpenShortcutsHelp() {
  return useContext(ShortcutsContext)?.openHelp;
}

type Group = { name: string; shortcuts: Shortcut[] };

/** How the dialog orders its groups; a group not named here comes after these. */
const GROUP_ORDER = ["General", "Lists", "Preview", "Trace"];
const groupRank = (name: string) => (GROUP_ORDER.includes(name) ? GROUP_ORDER.indexOf(name) : GROUP_ORDER.length);

/** The declared keys by group, each description listed once. */
function groupsOf(registrations: Map<number, Registration>): Group[] {
  const byName = new Map<string, Shortcut[]>([["General", GENERAL]]);
  for (const r of registrations.values()) {
    const list = byName.get(r.group) ?? [];
    for (const s of r.shortcuts()) if (!list.some((l) => l.description === s.description)) list.push(s);
    byName.set(r.group, list);
  }
  return [...byName].map(([name, shortcuts]) => ({ name, shortcuts })).sort((a, b) => groupRank(a.name) - groupRank(b.name));
}

const KEY_LABELS: Record<string, string> = {
  ArrowDown: "↓",
  ArrowUp: "↑",
  ArrowLeft: "←",
  ArrowRight: "→",
  Escape: "Esc",
  Enter: "Enter",
};

export function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd className="inline-flex h-5 min-w-5 items-center justify-center rounded border border-b-2 bg-panel px-1 font-mono text-[11px] text-foreground">
      {children}
    </kbd>
  );
}

function ShortcutsDialog({ open, onClose, groups }: { open: boolean; onClose: () => void; groups: Group[] }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    // A native modal <dialog>: focus trap, Escape and the top layer come from the browser.
    <dialog
      ref={dialog}
      aria-labelledby="shortcuts-title"
      onClose={onClose}
      onClick={(e) => e.target === e.currentTarget && onClose()}
      className="m-auto w-[min(520px,calc(100vw-2rem))] rounded-lg border bg-background p-0 text-foreground shadow-2xl backdrop:bg-[rgb(0_0_0/0.45)]"
    >
      <div className="flex items-center gap-2 border-b px-4 py-3">
        <Keyboard className="h-4 w-4 text-muted-foreground" aria-hidden />
        <h2 id="shortcuts-title" className="text-sm font-semibold">
          Keyboard shortcuts
        </h2>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close"
          className="ml-auto inline-flex h-7 w-7 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground"
        >
          <X className="h-4 w-4" />
        </button>
      </div>
      <div className="max-h-[70vh] space-y-4 overflow-y-auto px-4 py-3">
        {groups.map((group) => (
          <section key={group.name} aria-label={group.name}>
            <h3 className="mb-1 text-[11px] font-medium uppercase tracking-wide text-muted-foreground">{group.name}</h3>
            <dl className="divide-y text-[13px]">
              {group.shortcuts.map((s) => (
                <div key={s.description} className="flex items-center justify-between gap-4 py-1.5" data-testid="shortcut">
                  <dt>{s.description}</dt>
                  <dd className="flex shrink-0 items-center gap-1 text-xs text-muted-foreground">
                    {s.keys.map((key, i) => (
                      <span key={key} className="inline-flex items-center gap-1">
                        {i > 0 ? "or" : null}
                        <Kbd>{KEY_LABELS[key] ?? key}</Kbd>
                      </span>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </dialog>
  );
}
