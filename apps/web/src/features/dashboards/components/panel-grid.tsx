import { cn } from "@/lib/shared/cn";

/** Column spans of the home grid: 12 columns wide, two below 1280 px, one below 800 px. */
export function spanClass(width: number): string {
  if (width <= 3) return "col-span-12 sm:col-span-6 xl:col-span-3";
  if (width <= 4) return "col-span-12 lg:col-span-6 xl:col-span-4";
  if (width <= 6) return "col-span-12 xl:col-span-6";
  return "col-span-12";
}

export const ROW_HEIGHT = 56;

export function PanelCell({ width, height, children }: { width: number; height: number; children: React.ReactNode }) {
  return (
    <div className={cn(spanClass(width))} style={{ height: height * ROW_HEIGHT }}>
      {children}
    </div>
  );
}
