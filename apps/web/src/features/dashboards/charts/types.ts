import type { TWidgetSpec } from "@loupe/contracts";
import type { Row } from "./prepare";

/** What a click on a point, bar, slice or cell names: a time bucket and/or dimension values. */
export type DrillTarget = { bucketStart?: number; values?: Record<string, unknown> };

export type ChartProps = {
  spec: TWidgetSpec;
  rows: Row[];
  /** The previous period's rows (NUMBER's change). */
  previous?: Row[];
  range: { from: Date; to: Date };
  onDrill?: (target: DrillTarget) => void;
};
