"use client";

import { type ReactNode, useEffect, useRef } from "react";
import { cn } from "@/lib/shared/cn";

/**
 * A modal on the native <dialog> (focus trap, Escape and the backdrop come from the browser): a title
 * with a line of help, the body, and a footer of actions. `close` from the render prop closes it the
 * way Escape does, so `onClose` runs once either way. A title with markup needs `ariaLabel`, the
 * dialog's accessible name.
 */
const WIDTHS = { md: "w-[min(520px,calc(100vw-2rem))]", lg: "w-[min(880px,calc(100vw-2rem))]", xl: "w-[min(960px,calc(100vw-2rem))]" };

export function ModalDialog({
  title,
  ariaLabel,
  description,
  width = "md",
  onClose,
  children,
  footer,
}: {
  title: ReactNode;
  ariaLabel?: string;
  description?: ReactNode;
  width?: keyof typeof WIDTHS;
  onClose: () => void;
  children: ReactNode;
  footer: (close: () => void) => ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const close = () => ref.current?.close();
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-label={ariaLabel ?? (typeof title === "string" ? title : undefined)}
      className={cn(
        "m-auto max-h-[calc(100vh-2rem)] rounded-lg border bg-panel p-0 text-foreground shadow-xl backdrop:bg-black/40",
        WIDTHS[width],
      )}
    >
      <div className="border-b px-4 py-3">
        <h2 className="text-base font-semibold">{title}</h2>
        {description ? <p className="text-xs text-muted-foreground">{description}</p> : null}
      </div>
      <div className="max-h-[calc(100vh-10rem)] overflow-y-auto p-4">{children}</div>
      <div className="flex items-center justify-end gap-2 border-t px-4 py-3">{footer(close)}</div>
    </dialog>
  );
}
