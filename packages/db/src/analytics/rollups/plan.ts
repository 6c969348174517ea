import { metadataKeyOf, type TMetricsQuery } from "@loupe/contracts";
import { prisma, type Tx } from "../../client.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { type FilterColumns, filterColumn, filterConditions } from "../../repositories/filter-sql.ts";
import { METRIC_VIEW_DEFINITIONS } from "../views.ts";
import {
  ident,
  METADATA_ROLLUP,
  OBSERVATION_ROLLUP,
  type RollupDefinition,
  SCORE_ROLLUP,
  slotValue,
  TRACE_GROUP_ROLLUP,
  TRACE_ROLLUP,
} from "./definitions.ts";

// The query planner's rollup path: a metrics query whose every dimension, filter and measure the
// rollup of its view covers, over an hour-aligned range, is answered from the rollup rows (daily rows
// for whole days, hourly ones at the edges, or for rollups that keep hourly rows a few days only, the
// rows' own contributions at older edges) plus the pending deltas; anything else returns null and the
// caller scans raw rows. Sums, counts and averages are exact; percentiles come from histogram
// slots (definitions.ts) and are within ±2.5 % of a value of the group.

const sql = Prisma.sql;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PERCENTILES: Record<string, number> = { p50: 0.5, p75: 0.75, p90: 0.9, p95: 0.95, p99: 0.99 };
/** The rollup of each view, and the condition that selects the view's rows in it. */
const BY_VIEW: Record<TMetricsQuery["view"], { def: RollupDefinition; where?: Prisma.Sql }> = {
  observations: { def: OBSERVATION_ROLLUP },
  traces: { def: TRACE_ROLLUP },
  "scores-numeric": { def: SCORE_ROLLUP, where: sql`r."dataType" = 'NUMERIC'` },
  "scores-categorical": { def: SCORE_ROLLUP, where: sql`r."dataType" = 'CATEGORICAL'` },
  "scores-boolean": { def: SCORE_ROLLUP, where: sql`r."dataType" = 'BOOLEAN'` },
};

/** A map's own entry (never an Object.prototype member such as `constructor`). */
const own = <T>(map: Record<string, T>, name: string): T | undefined => (Object.hasOwn(map, name) ? map[name] : undefined);

type Plan = {
  def: RollupDefinition;
  /** The one `metadata.<key>` dimension, answered from the metadata rollup of that key. */
  metadataKey: string | null;
  /** The one user/session/tag dimension of a traces query, answered from the trace group rollup. */
  kind: string | null;
  /** Filterable metrics-view column → rollup column. */
  columns: Record<string, string>;
  /** Output name → SQL alias. */
  aliases: Map<string, string>;
  dimensions: Prisma.Sql[];
  aggregates: Prisma.Sql[];
  /** Percentile metrics: output alias, histogram, fraction. */
  percentiles: { alias: string; histogram: string; p: number }[];
  hourly: boolean;
  granularity: string | null;
};

function aggregateOf(def: RollupDefinition, measure: string, aggregation: string): Prisma.Sql | "percentile" | null {
  const count = sql`COALESCE(sum(r."count"), 0)`;
  if (measure === "count") {
    if (aggregation === "count") return sql`${count}::int`;
    if (aggregation === "sum") return sql`${count}::float8`;
    return null;
  }
  if (measure === "error") {
    if (!def.keys.includes("level")) return null;
    const errors = sql`sum(CASE WHEN r."level" = 'ERROR' THEN r."count" ELSE 0 END)`;
    if (aggregation === "sum") return sql`${errors}::float8`;
    if (aggregation === "avg") return sql`(${errors} / NULLIF(${count}, 0))::float8`;
    if (aggregation === "count") return sql`${count}::int`;
    return null;
  }
  const value = own(def.values, measure);
  if (!value) return null;
  const [n, total] = [sql`sum(r.${ident(`${value.prefix}N`)})`, sql`sum(r.${ident(`${value.prefix}Sum`)})`];
  if (aggregation === "count") return sql`COALESCE(${n}, 0)::int`;
  if (aggregation === "sum") return sql`(CASE WHEN ${n} > 0 THEN ${total} END)::float8`;
  if (aggregation === "avg") return sql`(${total} / NULLIF(${n}, 0))::float8`;
  if (aggregation in PERCENTILES && value.histogram) return "percentile";
  return null;
}

function planFor(query: TMetricsQuery, granularity: string | null): Plan | null {
  const metadataKeys = query.dimensions.map((d) => metadataKeyOf(d.field)).filter((k) => k !== null);
  if (metadataKeys.length > 1 || (metadataKeys.length === 1 && query.view !== "observations")) return null;
  const metadataKey = metadataKeys[0] ?? null;
  const kinds = query.view === "traces" ? query.dimensions.filter((d) => TRACE_GROUP_ROLLUP.kinds?.includes(d.field)) : [];
  if (kinds.length > 1) return null;
  const kind = kinds[0]?.field ?? null;
  const def = metadataKey !== null ? METADATA_ROLLUP : kind !== null ? TRACE_GROUP_ROLLUP : BY_VIEW[query.view].def;
  const columns = { ...def.dimensions };
  // The group's own column filters like the raw view's (userId, sessionId); `tag` is no raw filter column.
  if (kind !== null && !own(METRIC_VIEW_DEFINITIONS.traces.dimensions as Record<string, { join?: unknown }>, kind)?.join)
    columns[kind] = "value";
  const from = Date.parse(query.fromTimestamp);
  const to = Date.parse(query.toTimestamp);
  if (from % HOUR !== 0 || to % HOUR !== 0) return null;
  if (granularity === "minute") return null;
  const aliases = new Map<string, string>();
  const dimensions: Prisma.Sql[] = [];
  let hourly = granularity === "hour";
  for (const [i, { field }] of query.dimensions.entries()) {
    let expr: Prisma.Sql;
    if (field === "hourOfDay") {
      expr = sql`EXTRACT(HOUR FROM r."bucket")::int`;
      hourly = true;
    } else if ((metadataKey !== null && metadataKeyOf(field) === metadataKey) || (kind !== null && field === kind)) {
      expr = sql`r."value"`;
    } else {
      const column = own(def.dimensions, field);
      if (!column) return null;
      expr = sql`r.${ident(column)}`;
    }
    dimensions.push(sql`${expr} AS ${ident(`d${i}`)}`);
    aliases.set(field, `d${i}`);
  }
  if (granularity) aliases.set("time_dimension", "time_dimension");
  const aggregates: Prisma.Sql[] = [];
  const percentiles: Plan["percentiles"] = [];
  for (const [k, { measure, aggregation }] of query.metrics.entries()) {
    const aggregate = aggregateOf(def, measure, aggregation);
    if (!aggregate) return null;
    const alias = `a${k}`;
    if (aggregate === "percentile") {
      const histogram = own(def.values, measure)?.histogram;
      if (!histogram) return null;
      percentiles.push({ alias, histogram, p: PERCENTILES[aggregation] as number });
    } else aggregates.push(sql`${aggregate} AS ${ident(alias)}`);
    aliases.set(`${aggregation}_${measure}`, alias);
  }
  return { def, metadataKey, kind, columns, aliases, dimensions, aggregates, percentiles, hourly, granularity };
}

/** Filter columns over the rollup's keys: a filter on anything else is not covered. */
function rollupFilters(plan: Plan, query: TMetricsQuery): Prisma.Sql[] | null {
  if (query.filters.some((f) => !Object.hasOwn(plan.columns, f.column))) return null;
  const columns: FilterColumns = Object.fromEntries(
    Object.entries(plan.columns).map(([name, column]) => [
      name,
      column === "promptVersion" ? filterColumn.number(sql`r.${ident(column)}`) : filterColumn.string(sql`r.${ident(column)}`),
    ]),
  );
  return filterConditions(query.filters, columns);
}

type Segment = { grain: "day" | "hour" | "rows"; from: Date; to: Date };

/**
 * The parts of the range and where each is read: daily rows for whole days inside it, hourly rows for
 * the rest, except, for a rollup that keeps hourly rows a few days only, the rows' own contributions
 * for partial days older than that.
 */
function segments(plan: Plan, query: TMetricsQuery, now = Date.now()): Segment[] {
  const from = new Date(query.fromTimestamp);
  const to = new Date(query.toTimestamp);
  const firstDay = new Date(Math.ceil(from.getTime() / DAY) * DAY);
  const lastDay = new Date(Math.floor(to.getTime() / DAY) * DAY);
  const byHour = plan.hourly || firstDay >= lastDay;
  const out: Segment[] = byHour ? [] : [{ grain: "day", from: firstDay, to: lastDay }];
  const retention = plan.def.hourlyRetention;
  const hourlyFrom = retention ? new Date(Math.floor(now / HOUR) * HOUR - retention.readHours * HOUR) : null;
  // The two edges as two ranges (an OR of ranges reads the whole hourly index of the project).
  for (const [a, b] of byHour
    ? [[from, to]]
    : [
        [from, firstDay],
        [lastDay, to],
      ]) {
    if (!a || !b || a >= b) continue;
    if (hourlyFrom && a < hourlyFrom) {
      const split = new Date(Math.min(b.getTime(), hourlyFrom.getTime()));
      out.push({ grain: "rows", from: a, to: split });
      if (split < b) out.push({ grain: "hour", from: split, to: b });
    } else out.push({ grain: "hour", from: a, to: b });
  }
  return out;
}

/**
 * The rows a plan reads: rollup rows of `table` per segment, the rows' contributions where a segment
 * says so, and the pending deltas of the rolled segments, all mapped onto the same columns (`pending`
 * maps the delta table's shape, which contributions share). One statement, so one snapshot: a delta
 * is counted pending or folded, never both, and a segment read from rows has no pending part.
 */
function sourceRows(
  plan: Plan,
  projectId: string,
  query: TMetricsQuery,
  table: string,
  select: Prisma.Sql,
  pending: Prisma.Sql,
  rolledWhere: Prisma.Sql = Prisma.empty,
) {
  const parts = segments(plan, query);
  const retention = plan.def.hourlyRetention;
  const rolled = sql`FROM ${ident(table)} r WHERE r."projectId" = ${projectId} ${rolledWhere}`;
  const deltas = (from: Date, to: Date) =>
    sql`SELECT ${pending} FROM ${ident(plan.def.delta)} r WHERE r."projectId" = ${projectId} AND r."hour" >= ${from} AND r."hour" < ${to}`;
  const fromRows = parts.filter((p) => p.grain === "rows");
  const selects = parts.map((p) =>
    p.grain === "rows" && retention
      ? sql`SELECT ${pending} FROM (${retention.contributionsBetween(projectId, p.from, p.to, plan.kind)}) r`
      : sql`SELECT ${select} ${rolled} AND r."grain" = ${p.grain} AND r."bucket" >= ${p.from} AND r."bucket" < ${p.to}`,
  );
  const pendingParts =
    fromRows.length === 0
      ? [deltas(new Date(query.fromTimestamp), new Date(query.toTimestamp))]
      : parts.filter((p) => p.grain !== "rows").map((p) => deltas(p.from, p.to));
  return Prisma.join([...selects, ...pendingParts], " UNION ALL ");
}

/** Rows of a group-by over the rollup's key and value columns (`orderLimit`: the top-N in SQL). */
async function mainRows(
  plan: Plan,
  projectId: string,
  query: TMetricsQuery,
  filters: Prisma.Sql[],
  orderLimit: Prisma.Sql,
  db: Tx = prisma,
) {
  const { def } = plan;
  const keys = def.keys.map((k) => sql`r.${ident(k)}`);
  // Only the summed values the query aggregates: the union's rows stay narrow (150,000 daily user rows, say).
  const used = new Set(query.metrics.map((m) => m.measure));
  const values = Object.entries(def.values)
    .filter(([measure]) => used.has(measure))
    .map(([, v]) => v);
  const rolledValues = values.flatMap((v) => [sql`r.${ident(`${v.prefix}N`)}`, sql`r.${ident(`${v.prefix}Sum`)}`]);
  const pendingValues = values.flatMap((v) => [
    sql`r."sign" * (r.${ident(v.delta)} IS NOT NULL)::int AS ${ident(`${v.prefix}N`)}`,
    sql`r."sign" * COALESCE(r.${ident(v.delta)}, 0) AS ${ident(`${v.prefix}Sum`)}`,
  ]);
  const source = sourceRows(
    plan,
    projectId,
    query,
    def.table,
    sql`r."bucket", ${Prisma.join([...keys, sql`r."count"`, ...rolledValues])}`,
    sql`r."hour" AS "bucket", ${Prisma.join([...keys, sql`r."sign" AS "count"`, ...pendingValues])}`,
  );
  return grouped(plan, source, plan.aggregates, filters, [], orderLimit, db);
}

/**
 * `SELECT <groups>, <aggregates> FROM (source) r WHERE <filters> GROUP BY <groups>`. Groups whose
 * contributions all cancelled (every row moved to another key, say) are left out, as the raw path has
 * no such group; without groups the one row stays, as in the raw path.
 */
function grouped(
  plan: Plan,
  source: Prisma.Sql,
  aggregates: Prisma.Sql[],
  filters: Prisma.Sql[],
  extra: Prisma.Sql[] = [],
  orderLimit: Prisma.Sql = Prisma.empty,
  db: Tx = prisma,
) {
  const time = plan.granularity ? [sql`date_trunc(${Prisma.raw(`'${plan.granularity}'`)}, r."bucket") AS "time_dimension"`] : [];
  const select = [...plan.dimensions, ...time, ...extra, ...aggregates];
  const groupCount = plan.dimensions.length + time.length + extra.length;
  const groupBy = Array.from({ length: groupCount }, (_, i) => Prisma.raw(String(i + 1)));
  return db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${select.length > 0 ? Prisma.join(select) : sql`1`}
    FROM (${source}) r
    ${filters.length > 0 ? sql`WHERE ${Prisma.join(filters, " AND ")}` : Prisma.empty}
    ${groupBy.length > 0 ? sql`GROUP BY ${Prisma.join(groupBy)} HAVING ${extra.length > 0 ? sql`sum(r."n") <> 0` : sql`sum(r."count") <> 0`}` : Prisma.empty}
    ${orderLimit}`;
}

/** Slot counts per group for one histogram; the percentile is read off their running total. */
async function percentileRows(plan: Plan, projectId: string, query: TMetricsQuery, filters: Prisma.Sql[], histogram: string) {
  const keys = plan.def.keys.map((k) => sql`r.${ident(k)}`);
  const value = Object.values(plan.def.values).find((v) => v.histogram === histogram);
  if (!value || !plan.def.histogramTable) return [];
  const source = sourceRows(
    plan,
    projectId,
    query,
    plan.def.histogramTable,
    sql`r."bucket", ${Prisma.join(keys)}, r."slot", r."n"`,
    sql`r."hour" AS "bucket", ${Prisma.join(keys)}, loupe_ms_slot(r.${ident(value.delta)}) AS "slot", r."sign" AS "n"`,
    sql`AND r."measure" = ${histogram}`,
  );
  const measured = sql`SELECT * FROM (${source}) x WHERE x."slot" IS NOT NULL`;
  return grouped(plan, measured, [sql`sum(r."n")::float8 AS "n"`], filters, [sql`r."slot" AS "slot"`]);
}

/**
 * percentile_cont over slot counts: the values at ranks ⌊p × (n − 1)⌋ and ⌈p × (n − 1)⌉, each read as
 * its slot's value, interpolated linearly, so the result is within ±2.5 % of the exact one (±1 ms below 1 ms).
 */
function percentileOf(slots: { slot: number; n: number }[], p: number): number | null {
  const total = slots.reduce((a, s) => a + s.n, 0);
  if (total <= 0) return null;
  const position = p * (total - 1);
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const s of slots) {
      seen += s.n;
      if (seen > rank) return slotValue(s.slot);
    }
    return slotValue((slots.at(-1) as { slot: number }).slot);
  };
  const [lower, upper] = [valueAt(Math.floor(position)), valueAt(Math.ceil(position))];
  return lower + (position - Math.floor(position)) * (upper - lower);
}

const groupKey = (row: Record<string, unknown>, names: string[]) =>
  JSON.stringify(names.map((n) => (row[n] instanceof Date ? (row[n] as Date).toISOString() : row[n])));

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Group totals read per page in cost order, and how many pages before the full aggregate is cheaper. */
const TOP_PAGE = 200;
const TOP_PAGES = 5;
/** Windows up to this long are aggregated directly (hourly rows; few groups). */
const TOP_MIN_WINDOW_HOURS = 48;
/** At most this many groups are summed one by one (straddling the window, or with pending deltas). */
const TOP_MAX_EXACT = 1000;

/**
 * The environment a user/session breakdown is restricted to (null: every environment), when its
 * filters are only that and "value is not null"; undefined when they are anything else.
 */
function totalsScope(plan: Plan, query: TMetricsQuery): { environment: string | null; notNull: boolean } | undefined {
  let environment: string | null = null;
  let notNull = false;
  for (const f of query.filters) {
    if (f.column === plan.kind && f.type === "null" && f.operator === "is not null") notNull = true;
    else if (f.column === "environment" && environment === null && f.type === "string" && f.operator === "=") environment = f.value;
    else if (
      f.column === "environment" &&
      environment === null &&
      f.type === "stringOptions" &&
      f.operator === "any of" &&
      f.value.length === 1
    )
      environment = f.value[0] as string;
    else return undefined;
  }
  return { environment, notNull };
}

const valueIn = (values: (string | null)[]) => {
  const named = values.filter((v) => v !== null);
  return values.length > named.length
    ? sql`(r."value" = ANY(${named}::text[]) OR r."value" IS NULL)`
    : sql`r."value" = ANY(${named}::text[])`;
};
const costOf = (row: Record<string, unknown>, alias: string) => (row[alias] === null ? null : Number(row[alias]));
const byCostDesc = (alias: string) => (a: Record<string, unknown>, b: Record<string, unknown>) =>
  (costOf(b, alias) ?? Number.NEGATIVE_INFINITY) - (costOf(a, alias) ?? Number.NEGATIVE_INFINITY);

/**
 * "Top N users (or sessions) by cost" without aggregating every group of the window (100,000 sessions
 * make 200,000 day rows): groups are read from their all-time totals in cost order. A group whose
 * first and last trace lie inside the window has its window sums in its total row; one that straddles
 * an edge (or has pending deltas) is summed exactly from the rollup. Costs are never negative, so a
 * group's all-time cost bounds its window cost, and the read stops once the N-th best window cost is at
 * least the all-time cost of every group not read yet. Exact, like the aggregate it replaces; null when
 * the query has another shape or the bound does not close within TOP_PAGES (the caller aggregates).
 * One REPEATABLE READ snapshot: totals, rollup rows and deltas as one compaction left them.
 */
async function topGroupsByCost(plan: Plan, projectId: string, query: TMetricsQuery, filters: Prisma.Sql[]) {
  const totals = plan.def.totals;
  const limit = query.config?.row_limit ?? 100;
  const order = query.orderBy ?? [];
  const costAlias = plan.aliases.get("sum_totalCost");
  if (!totals || plan.kind === null || !totals.kinds.includes(plan.kind) || plan.granularity !== null) return null;
  if (query.dimensions.length !== 1 || plan.percentiles.length > 0 || !costAlias || limit > TOP_PAGE) return null;
  if (order.length !== 1 || order[0]?.field !== "sum_totalCost" || order[0].direction !== "desc") return null;
  const scope = totalsScope(plan, query);
  if (!scope) return null;
  const from = new Date(query.fromTimestamp);
  const to = new Date(query.toTimestamp);
  // A window of hourly rows holds few groups: aggregating them is cheaper.
  if (to.getTime() - from.getTime() <= TOP_MIN_WINDOW_HOURS * HOUR) return null;
  const where = sql`r."projectId" = ${projectId} AND r."kind" = ${plan.kind}
    AND ${scope.environment === null ? sql`r."allEnvironments" = true AND r."environment" = ''` : sql`r."allEnvironments" = false AND r."environment" = ${scope.environment}`}
    ${scope.notNull ? sql`AND r."value" IS NOT NULL` : Prisma.empty}`;
  return prisma.$transaction(
    async (tx) => {
      // A plan of a few index reads: compiling it (JIT) would cost more than running it.
      await tx.$executeRaw`SET LOCAL jit = off`;
      const pendingRows = await tx.$queryRaw<{ value: string | null }[]>`
        SELECT DISTINCT r."value" FROM ${ident(plan.def.delta)} r WHERE r."projectId" = ${projectId} AND r."kind" = ${plan.kind}
        ${scope.notNull ? sql`AND r."value" IS NOT NULL` : Prisma.empty} LIMIT ${TOP_MAX_EXACT + 1}`;
      if (pendingRows.length > TOP_MAX_EXACT) return null;
      const pending = new Set(pendingRows.map((r) => r.value));
      const exact = async (values: (string | null)[]) =>
        values.length === 0 ? [] : mainRows(plan, projectId, query, [...filters, valueIn(values)], Prisma.empty, tx);
      // The best rows so far: window sums of contained groups (their value only until the end) and of summed ones.
      const best: Record<string, unknown>[] = await exact([...pending]);
      let summed = pending.size;
      // The N-th best window cost so far (null: fewer than N yet); rows past the N-th can never be in the answer.
      const nthBest = () => {
        best.sort(byCostDesc(costAlias));
        best.length = Math.min(best.length, limit);
        return best.length === limit ? (costOf(best[limit - 1] as Record<string, unknown>, costAlias) ?? Number.NEGATIVE_INFINITY) : null;
      };
      for (let page = 0; page < TOP_PAGES; page++) {
        const rows = await tx.$queryRaw<{ value: string | null; firstHour: Date; lastHour: Date; cost: number }[]>`
          SELECT r."value", r."firstHour", r."lastHour", r."totalCostSum"::float8 AS "cost"
          FROM ${ident(totals.table)} r WHERE ${where} AND r."count" <> 0
          ORDER BY r."totalCostSum" DESC LIMIT ${TOP_PAGE} OFFSET ${page * TOP_PAGE}`;
        const straddling: (string | null)[] = [];
        let closed = rows.length < TOP_PAGE;
        for (const row of rows) {
          const bar = nthBest();
          if (bar !== null && bar >= row.cost) {
            closed = true;
            break;
          }
          // Groups without cost tie at zero, in no order the aggregate would keep: let it decide.
          if (row.cost <= 0) return null;
          if (pending.has(row.value) || row.lastHour < from || row.firstHour >= to) continue;
          if (row.firstHour >= from && row.lastHour < to) {
            best.push({ d0: row.value, [costAlias]: row.cost, contained: true });
          } else straddling.push(row.value);
        }
        summed += straddling.length;
        if (summed > TOP_MAX_EXACT) return null;
        best.push(...(await exact(straddling)));
        const bar = nthBest();
        closed ||= bar !== null && rows.length > 0 && bar >= (rows.at(-1) as { cost: number }).cost;
        // Mostly groups older than the window (users active for months, say): their all-time costs will not
        // bound the window's soon, and the aggregate over the window is the cheaper read.
        if (!closed && straddling.length > rows.length / 2) return null;
        if (closed) {
          const top = best.slice(0, limit);
          const winners = top.filter((r) => r.contained).map((r) => r.d0 as string | null);
          if (winners.length === 0) return top;
          // The contained winners' every measure, from their total rows (the same aggregates as the rollup's).
          const full = await tx.$queryRaw<Record<string, unknown>[]>`
            SELECT r."value" AS "d0", ${Prisma.join(plan.aggregates)} FROM ${ident(totals.table)} r
            WHERE ${where} AND ${valueIn(winners)} GROUP BY 1`;
          return [...top.filter((r) => !r.contained), ...full].sort(byCostDesc(costAlias)).slice(0, limit);
        }
      }
      return null;
    },
    // The home dashboard asks a dozen panels at once: wait for a connection as a plain query would.
    { isolationLevel: "RepeatableRead", maxWait: 10_000, timeout: 30_000 },
  );
}

/**
 * Answers the query from rollups, or returns null when a part of it is not covered (the caller then
 * scans raw rows). Rows carry SQL aliases (d0, a0, time_dimension); `aliases` maps output names to them.
 */
export async function answerFromRollups(
  projectId: string,
  query: TMetricsQuery,
  granularity: string | null,
): Promise<{ rows: Record<string, unknown>[]; aliases: Map<string, string>; source: "rollup" | "group totals" } | null> {
  const plan = planFor(query, granularity);
  if (!plan) return null;
  const filters = rollupFilters(plan, query);
  if (!filters) return null;
  const viewCondition = BY_VIEW[query.view].where;
  if (viewCondition) filters.push(viewCondition);
  if (plan.metadataKey !== null) filters.push(sql`r."key" = ${plan.metadataKey}`);
  if (plan.kind !== null) filters.push(sql`r."kind" = ${plan.kind}`);
  const orderBy = query.orderBy ?? (plan.granularity ? [{ field: "time_dimension", direction: "asc" as const }] : []);
  if (orderBy.some((o) => !plan.aliases.has(o.field))) return null;
  const limit = query.config?.row_limit ?? 100;
  // Without percentiles (computed below, in JS) the SQL orders and cuts: a top 10 of 100,000 sessions
  // sends 10 rows. NULLS LAST in both directions, as the raw path orders.
  const orderLimit =
    plan.percentiles.length > 0
      ? Prisma.empty
      : sql`${orderBy.length > 0 ? sql`ORDER BY ${Prisma.join(orderBy.map((o) => sql`${ident(plan.aliases.get(o.field) as string)} ${Prisma.raw(o.direction === "asc" ? "ASC" : "DESC")} NULLS LAST`))}` : Prisma.empty} LIMIT ${limit}`;
  const [state] = await prisma.$queryRaw<{ pending: boolean; keyReady: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "MetricRollupBackfill" WHERE "projectId" = ${projectId}) AS pending,
      EXISTS (SELECT 1 FROM "MetricRollupMetadataKey" WHERE "projectId" = ${projectId} AND "key" = ${plan.metadataKey ?? ""} AND "readyAt" IS NOT NULL) AS "keyReady"`;
  if (state?.pending || (plan.metadataKey !== null && !state?.keyReady)) return null;
  const top = await topGroupsByCost(plan, projectId, query, filters);
  if (top) return { rows: top, aliases: plan.aliases, source: "group totals" };
  const groupNames = [...plan.dimensions.keys()].map((i) => `d${i}`).concat(plan.granularity ? ["time_dimension"] : []);
  const histograms = [...new Set(plan.percentiles.map((p) => p.histogram))];
  const [rows, ...slotRows] = await Promise.all([
    mainRows(plan, projectId, query, filters, orderLimit),
    ...histograms.map((h) => percentileRows(plan, projectId, query, filters, h)),
  ]);
  if (plan.percentiles.length > 0) {
    const slotsByGroup = histograms.map((_, i) => {
      const byGroup = new Map<string, { slot: number; n: number }[]>();
      for (const r of slotRows[i] ?? []) {
        const key = groupKey(r, groupNames);
        const list = byGroup.get(key) ?? [];
        list.push({ slot: Number(r.slot), n: Number(r.n) });
        byGroup.set(key, list);
      }
      for (const list of byGroup.values()) list.sort((a, b) => a.slot - b.slot);
      return byGroup;
    });
    for (const row of rows) {
      const key = groupKey(row, groupNames);
      for (const p of plan.percentiles) {
        const slots = slotsByGroup[histograms.indexOf(p.histogram)]?.get(key) ?? [];
        row[p.alias] = percentileOf(slots, p.p);
      }
    }
  }
  // Ordered by the SQL already unless percentiles (known only here) are involved.
  if (plan.percentiles.length > 0)
    rows.sort((a, b) => {
      for (const o of orderBy) {
        const alias = plan.aliases.get(o.field) as string;
        const [x, y] = [a[alias], b[alias]];
        // NULLS LAST in both directions, as the raw path orders.
        if (x === null || y === null) {
          if (x !== y) return x === null ? 1 : -1;
          continue;
        }
        const c = compare(x, y) * (o.direction === "asc" ? 1 : -1);
        if (c !== 0) return c;
      }
      return 0;
    });
  return { rows: rows.slice(0, limit), aliases: plan.aliases, source: "rollup" };
}
