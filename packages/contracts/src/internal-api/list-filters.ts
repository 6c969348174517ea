import { z } from "zod";
import { OBSERVATION_LEVELS, OBSERVATION_TYPES } from "../common/observation-types.ts";
import { ZPageQuery } from "../common/pagination.ts";

// The filter/sort/search contract of the traces and observations tables: one zod schema per table,
// parsed by the route handler (query string) and by the UI (its URL state), so both agree on every key.
// Every value travels as a string in a URL: empty strings mean "not set".

/** Relative time windows of the filter bar; "all" has no time bound. Custom windows use from/to. */
export const TIME_RANGE_PRESETS = {
  "30m": 30 * 60_000,
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
} as const;
export const TIME_RANGES = ["30m", "1h", "24h", "7d", "30d", "all"] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

export const TRACE_SORTS = ["timestamp", "name", "latency", "cost", "tokens"] as const;
export type TraceSort = (typeof TRACE_SORTS)[number];
/** How the traces table compares a score: numbers with >=/<=; `eq` also matches a category or boolean label. */
export const SCORE_OPERATORS = ["gte", "lte", "eq"] as const;
export type ScoreOperator = (typeof SCORE_OPERATORS)[number];

export const OBSERVATION_SORTS = ["timestamp", "name", "model", "latency", "ttft", "tokens", "cost"] as const;
export type ObservationSort = (typeof OBSERVATION_SORTS)[number];

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const text = z.preprocess(blank, z.string().trim().min(1).max(200).optional());
const amount = (what: string) =>
  z.preprocess(
    blank,
    z.coerce
      .number({ message: `${what} must be a number` })
      .finite()
      .min(0, `${what} cannot be negative`)
      .optional(),
  );
const instant = z.preprocess(blank, z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }).optional());
/** A list as one comma-separated value (`tags=a,b`) or repeated keys (`tags=a&tags=b`). */
const list = z.preprocess((v) => {
  const parts = (Array.isArray(v) ? v : typeof v === "string" ? [v] : []).flatMap((s: string) => s.split(","));
  const out = parts.map((s) => s.trim()).filter(Boolean);
  return out.length > 0 ? out : undefined;
}, z.array(z.string().max(200)).max(20).optional());

/** Filters both tables have. */
const common = {
  range: z.preprocess(blank, z.enum(TIME_RANGES).default("all")),
  from: instant,
  to: instant,
  search: text,
  name: text,
  environment: text,
  version: text,
  model: text,
  /** Level at least (WARNING: warnings and errors; ERROR: "has error"). */
  minLevel: z.preprocess(blank, z.enum(OBSERVATION_LEVELS).optional()),
  latencyMin: amount("latencyMin"),
  latencyMax: amount("latencyMax"),
  costMin: amount("costMin"),
  costMax: amount("costMax"),
  order: z.preprocess(blank, z.enum(["asc", "desc"]).default("desc")),
};

type Bounds = { from?: string; to?: string; latencyMin?: number; latencyMax?: number; costMin?: number; costMax?: number };
function checkBounds(v: Bounds, ctx: z.RefinementCtx) {
  const pairs: [keyof Bounds, keyof Bounds, number | undefined, number | undefined][] = [
    ["latencyMin", "latencyMax", v.latencyMin, v.latencyMax],
    ["costMin", "costMax", v.costMin, v.costMax],
    ["from", "to", v.from ? Date.parse(v.from) : undefined, v.to ? Date.parse(v.to) : undefined],
  ];
  for (const [lo, hi, a, b] of pairs) {
    if (a !== undefined && b !== undefined && a > b)
      ctx.addIssue({ code: "custom", path: [hi], message: `${hi} must not be before ${lo}` });
  }
}

/** A score filter is three URL keys that only mean something together. */
type ScoreFilterKeys = { scoreName?: string; scoreOperator?: ScoreOperator; scoreValue?: string };
function checkScoreFilter(v: ScoreFilterKeys, ctx: z.RefinementCtx) {
  const given = [v.scoreName, v.scoreOperator, v.scoreValue].filter((x) => x !== undefined).length;
  if (given === 0) return;
  if (given < 3) {
    for (const key of ["scoreName", "scoreOperator", "scoreValue"] as const)
      if (v[key] === undefined)
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `${key} is required with a score filter (scoreName, scoreOperator, scoreValue)`,
        });
    return;
  }
  if (v.scoreOperator !== "eq" && !Number.isFinite(Number(v.scoreValue)))
    ctx.addIssue({ code: "custom", path: ["scoreValue"], message: "scoreValue must be a number for >= and <=" });
}

/** A score filter: name, operator, and a number (or for `eq` a category/boolean label, "True"). */
const scoreFilter = {
  scoreName: text,
  scoreOperator: z.preprocess(blank, z.enum(SCORE_OPERATORS).optional()),
  scoreValue: text,
};
function checkBoundsAndScore(v: Bounds & ScoreFilterKeys, ctx: z.RefinementCtx) {
  checkBounds(v, ctx);
  checkScoreFilter(v, ctx);
}

export const ZTraceListQuery = ZPageQuery.extend({
  ...common,
  sort: z.preprocess(blank, z.enum(TRACE_SORTS).default("timestamp")),
  userId: text,
  sessionId: text,
  release: text,
  tags: list,
  /** Traces with a score of this name (on the trace or any of its observations) whose value compares… */
  ...scoreFilter,
}).superRefine(checkBoundsAndScore);
export type TTraceListQuery = z.infer<typeof ZTraceListQuery>;

export const ZObservationListQuery = ZPageQuery.extend({
  ...common,
  sort: z.preprocess(blank, z.enum(OBSERVATION_SORTS).default("timestamp")),
  /** GENERATION unless asked otherwise; "ALL" lists every type. */
  type: z.preprocess(blank, z.enum([...OBSERVATION_TYPES, "ALL"]).default("GENERATION")),
  promptName: text,
  promptVersion: z.preprocess(blank, z.coerce.number({ message: "promptVersion must be a number" }).int().min(0).optional()),
  traceId: text,
}).superRefine(checkBounds);
export type TObservationListQuery = z.infer<typeof ZObservationListQuery>;

/** Columns the sessions list sorts by ("last" = the most recent trace, the default). */
export const SESSION_SORTS = ["last", "start", "duration", "traces", "cost", "tokens"] as const;
export type SessionSort = (typeof SESSION_SORTS)[number];
export const USER_SORTS = ["last", "first", "traces", "sessions", "cost", "tokens"] as const;
export type UserSort = (typeof USER_SORTS)[number];

/**
 * The window the sessions and users lists open on. Grouping is linear in the traces it reads (~0.7 s
 * all-time at 100k traces, docs/performance.md), so an empty URL means the last 7 days; "All time"
 * is one click (range=all in the URL).
 */
export const GROUP_LIST_DEFAULT_RANGE = "7d" satisfies TimeRange;

/** Filters of the lists that group traces (sessions, users): a group matches when one of its traces does. */
const groupCommon = {
  range: z.preprocess(blank, z.enum(TIME_RANGES).default(GROUP_LIST_DEFAULT_RANGE)),
  from: instant,
  to: instant,
  /** Part of the session or user id. */
  search: text,
  environment: text,
  tags: list,
  minLevel: common.minLevel,
  order: common.order,
};

export const ZSessionListQuery = ZPageQuery.extend({
  ...groupCommon,
  sort: z.preprocess(blank, z.enum(SESSION_SORTS).default("last")),
  userId: text,
  /** Sessions with a session-level score of this name whose value compares… */
  ...scoreFilter,
}).superRefine(checkBoundsAndScore);
export type TSessionListQuery = z.infer<typeof ZSessionListQuery>;

export const ZUserListQuery = ZPageQuery.extend({
  ...groupCommon,
  sort: z.preprocess(blank, z.enum(USER_SORTS).default("last")),
}).superRefine(checkBounds);
export type TUserListQuery = z.infer<typeof ZUserListQuery>;

/** The absolute window of a filter: custom from/to win over a preset; "all" has none. */
export function resolveTimeRange(q: { range: TimeRange; from?: string; to?: string }, now = Date.now()): { from?: Date; to?: Date } {
  if (q.from || q.to) return { from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined };
  return q.range === "all" ? {} : { from: new Date(now - TIME_RANGE_PRESETS[q.range]) };
}

export const ZObservationListItem = z.object({
  id: z.string(),
  traceId: z.string(),
  type: z.enum(OBSERVATION_TYPES),
  name: z.string().nullable(),
  startTime: z.string(),
  level: z.enum(OBSERVATION_LEVELS),
  environment: z.string(),
  model: z.string().nullable(),
  promptName: z.string().nullable(),
  promptVersion: z.number().nullable(),
  latencyMs: z.number().nullable(),
  timeToFirstTokenMs: z.number().nullable(),
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  totalTokens: z.number().nullable(),
  totalCost: z.number().nullable(),
});
export type TObservationListItem = z.infer<typeof ZObservationListItem>;
