import { formatTick, type Unit } from "./format";

// The value axis every cartesian chart shares. A count (requests, tokens, errors summed) has no
// fractional values, so it has no fractional ticks either: "1.5 traces" reads as a bug. Recharts
// keeps whole ticks with `allowDecimals: false` but still draws its five ticks, stretching a 0–1 range
// to 0–4, so a small count range gets one tick per whole number instead.

const DEFAULT_TICKS = 5;

/** Axis props for the values of `units` (one per series on the axis; ticks read in the first one's) up to `max`. */
export function valueAxis(units: Unit[], max: number) {
  const unit = units[0] ?? "count";
  const counts = units.length > 0 && units.every((u) => u === "count");
  const top = Number.isFinite(max) && max > 0 ? Math.ceil(max) : 0;
  return {
    allowDecimals: !counts,
    tickCount: counts ? Math.min(DEFAULT_TICKS, Math.max(2, top + 1)) : DEFAULT_TICKS,
    tickFormatter: (v: number) => formatTick(unit, v),
  };
}
