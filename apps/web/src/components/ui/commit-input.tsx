"use client";

import { useEffect, useId, useState } from "react";
import { cn } from "@/lib/shared/cn";

/**
 * Values to offer under the box while the person types: `onQuery` hears the text typed (null once the
 * box is left or the list is closed), `options` are the answers, `pick` turns a chosen option into
 * the box's new value (a comma list replaces its last item).
 */
type Suggest = {
  options: readonly string[];
  onQuery: (text: string | null) => void;
  pick?: (option: string, draft: string) => string;
};

type Props = {
  value: string;
  onCommit: (v: string) => void;
  debounceMs?: number;
  inputRef?: React.Ref<HTMLInputElement>;
  suggest?: Suggest;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "value" | "onChange">;

/**
 * A text box that commits on Enter, on blur, or (with debounceMs) after a pause in typing; Escape
 * reverts. With `suggest` it is a combobox: the arrows move through the options, Enter or a click
 * picks one and commits it.
 */
export function CommitInput({ value, onCommit, debounceMs, inputRef, suggest, className, ...props }: Props) {
  const [draft, setDraft] = useState(value);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const listId = useId();
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (debounceMs === undefined || draft === value) return;
    const t = setTimeout(() => onCommit(draft), debounceMs);
    return () => clearTimeout(t);
  }, [draft, value, debounceMs, onCommit]);
  const options = open ? (suggest?.options ?? []) : [];
  const close = () => {
    setOpen(false);
    setActive(-1);
    suggest?.onQuery(null);
  };
  const choose = (option: string) => {
    const next = suggest?.pick ? suggest.pick(option, draft) : option;
    setDraft(next);
    close();
    if (next !== value) onCommit(next);
  };
  // The ARIA combobox pattern: the box keeps the focus and points at the active option.
  const combobox = suggest
    ? {
        role: "combobox",
        "aria-expanded": options.length > 0,
        "aria-controls": listId,
        "aria-autocomplete": "list" as const,
        "aria-activedescendant": active >= 0 && options[active] !== undefined ? `${listId}-${active}` : undefined,
        autoComplete: "off",
      }
    : {};
  const input = (
    <input
      {...props}
      ref={inputRef}
      value={draft}
      className={suggest ? cn(className, "w-full") : className}
      {...combobox}
      onFocus={() => {
        if (!suggest) return;
        setOpen(true);
        suggest.onQuery(draft);
      }}
      onChange={(e) => {
        setDraft(e.target.value);
        if (suggest) {
          setOpen(true);
          setActive(-1);
          suggest.onQuery(e.target.value);
        }
      }}
      onBlur={() => {
        if (suggest) close();
        if (draft !== value) onCommit(draft);
      }}
      onKeyDown={(e) => {
        if (options.length > 0 && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
          e.preventDefault();
          setActive((i) => (e.key === "ArrowDown" ? Math.min(options.length - 1, i + 1) : Math.max(-1, i - 1)));
          return;
        }
        if (e.key === "Enter") {
          const option = options[active];
          if (option !== undefined) {
            e.preventDefault();
            choose(option);
          } else if (draft !== value) onCommit(draft);
          if (suggest) close();
        }
        if (e.key === "Escape") {
          if (options.length > 0) return close();
          setDraft(value);
          (e.target as HTMLInputElement).blur();
        }
      }}
    />
  );
  if (!suggest) return input;
  return (
    <div className="relative w-full">
      {input}
      {options.length > 0 ? (
        <ul
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          className="absolute top-full right-0 left-0 z-30 mt-1 max-h-60 overflow-auto rounded-md border bg-background py-1 text-xs text-foreground shadow-lg"
        >
          {options.map((option, i) => (
            // biome-ignore lint/a11y/useFocusableInteractive: the box keeps the focus (aria-activedescendant); options are picked with the arrows or the mouse
            <li
              key={option}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              title={option}
              className="cursor-pointer truncate px-2 py-1 aria-selected:bg-muted hover:bg-muted"
              // mousedown, not click: the box keeps the focus, so its blur does not commit the typed text first.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(option);
              }}
            >
              {option}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
