import type { ObservationType } from "@loupe/contracts";
import { Binary, Bot, Gauge, Layers, Link2, type LucideIcon, Search, ShieldCheck, Sparkles, Wrench, Zap } from "lucide-react";
import { cn } from "@/lib/shared/cn";

/** One icon and colour per observation type, used the same way in every view (`bar`: its timeline bar). */
export const OBSERVATION_STYLE = {
  SPAN: { icon: Layers, className: "text-sky-600 bg-sky-500/10 dark:text-sky-400", bar: "bg-sky-500/80" },
  GENERATION: { icon: Sparkles, className: "text-violet-600 bg-violet-500/10 dark:text-violet-400", bar: "bg-violet-500/80" },
  EVENT: { icon: Zap, className: "text-amber-600 bg-amber-500/10 dark:text-amber-400", bar: "bg-amber-500/80" },
  AGENT: { icon: Bot, className: "text-emerald-600 bg-emerald-500/10 dark:text-emerald-400", bar: "bg-emerald-500/80" },
  TOOL: { icon: Wrench, className: "text-orange-600 bg-orange-500/10 dark:text-orange-400", bar: "bg-orange-500/80" },
  CHAIN: { icon: Link2, className: "text-cyan-600 bg-cyan-500/10 dark:text-cyan-400", bar: "bg-cyan-500/80" },
  RETRIEVER: { icon: Search, className: "text-teal-600 bg-teal-500/10 dark:text-teal-400", bar: "bg-teal-500/80" },
  EMBEDDING: { icon: Binary, className: "text-fuchsia-600 bg-fuchsia-500/10 dark:text-fuchsia-400", bar: "bg-fuchsia-500/80" },
  EVALUATOR: { icon: Gauge, className: "text-lime-700 bg-lime-500/10 dark:text-lime-400", bar: "bg-lime-500/80" },
  GUARDRAIL: { icon: ShieldCheck, className: "text-rose-600 bg-rose-500/10 dark:text-rose-400", bar: "bg-rose-500/80" },
} satisfies Record<ObservationType, { icon: LucideIcon; className: string; bar: string }>;

export function ObservationIcon({ type, className }: { type: ObservationType; className?: string }) {
  const style = OBSERVATION_STYLE[type];
  const Icon = style.icon;
  return (
    <span title={type} className={cn("inline-flex h-5 w-5 shrink-0 items-center justify-center rounded", style.className, className)}>
      <Icon className="h-3.5 w-3.5" aria-hidden />
      <span className="sr-only">{type}</span>
    </span>
  );
}
