import { TRACE_ORDER_FIELDS } from "@loupe/contracts";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectPrisma, prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { OBSERVATION_COLUMNS } from "./observation-reads.ts";
import { orderByColumn, type ReadColumns } from "./read-columns.ts";
import { TRACE_COLUMNS, whereTraces } from "./trace-reads.ts";

afterAll(async () => {
  await disconnectPrisma();
});

type PlanNode = { "Node Type": string; Plans?: PlanNode[] };
const nodeTypes = (node: PlanNode): string[] => [node["Node Type"], ...(node.Plans ?? []).flatMap(nodeTypes)];

/**
 * The plan's node types, with sequential scans, bitmap scans and full sorts discouraged: on the test
 * database's few rows a sort would win on cost, so this asks whether an index walk *can* give the order.
 * Where none can, Postgres still plans the Sort.
 */
async function planOf(query: Prisma.Sql): Promise<string[]> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
    await tx.$executeRaw`SET LOCAL enable_bitmapscan = off`;
    await tx.$executeRaw`SET LOCAL enable_sort = off`;
    const [row] = await tx.$queryRaw<{ "QUERY PLAN": { Plan: PlanNode }[] }[]>`EXPLAIN (FORMAT JSON) ${query}`;
    const plan = row?.["QUERY PLAN"][0]?.Plan;
    if (!plan) throw new Error("EXPLAIN returned no plan");
    return nodeTypes(plan);
  });
}

const tracePage = (order: Prisma.Sql) => Prisma.sql`SELECT t."id" FROM "Trace" t WHERE ${whereTraces("p", {})} ${order} LIMIT 50`;

describe("orderByColumn", () => {
  it("walks the (projectId, timestamp DESC) index for the public API's default order, newest first", async () => {
    const plan = await planOf(tracePage(orderByColumn(TRACE_COLUMNS, "timestamp", "desc", "id")));
    expect(plan).toContain("Index Scan");
    // An incremental sort only breaks timestamp ties by id; a full Sort would order every matching trace.
    expect(plan).not.toContain("Sort");
    // The order the public API had before: NULLS LAST on a NOT NULL column cannot use the DESC index.
    expect(await planOf(tracePage(Prisma.sql`ORDER BY t."timestamp" DESC NULLS LAST, t."id" DESC`))).toContain("Sort");
  });

  it("walks the rollup indexes (DESC NULLS LAST) for the traces table's cost, latency and tokens sorts", async () => {
    for (const column of ["totalCost", "latencyMs", "totalTokens"] as const) {
      expect(await planOf(tracePage(orderByColumn(TRACE_COLUMNS, column, "desc", "id"))), column).not.toContain("Sort");
    }
  });

  it("walks (projectId, type, startTime DESC) for the observations table and the public observations, either direction", async () => {
    for (const direction of ["desc", "asc"] as const) {
      const plan = await planOf(
        Prisma.sql`SELECT o."id" FROM "Observation" o WHERE o."projectId" = 'p' AND o."type" = 'GENERATION'
          ${orderByColumn(OBSERVATION_COLUMNS, "startTime", direction, "id")} LIMIT 50`,
      );
      expect(plan, direction).not.toContain("Sort");
    }
  });

  it("accepts every order field of the public traces contract", () => {
    for (const field of TRACE_ORDER_FIELDS) expect(orderByColumn(TRACE_COLUMNS, field, "asc", "id").sql).toContain("ORDER BY");
  });
});

describe("the column maps", () => {
  /** `t."name"` → name: the plain stored columns of a map (computed expressions and score columns are skipped). */
  const storedColumns = (columns: ReadColumns, alias: string) =>
    Object.entries(columns).flatMap(([name, c]) => {
      if (c.kind.startsWith("score")) return [];
      const match = new RegExp(`^${alias}\\."(\\w+)"$`).exec(c.sql.sql);
      return match && c.sql.values.length === 0 ? [{ name, column: match[1] as string, notNull: Boolean(c.notNull) }] : [];
    });

  it.each([
    ["Trace", TRACE_COLUMNS, "t"],
    ["Observation", OBSERVATION_COLUMNS, "o"],
  ] as const)("flag exactly the %s columns the database declares NOT NULL", async (table, columns, alias) => {
    const nullable = new Map(
      (
        await prisma.$queryRaw<{ column_name: string; is_nullable: string }[]>`
          SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`
      ).map((r) => [r.column_name, r.is_nullable === "YES"]),
    );
    const stored = storedColumns(columns, alias);
    expect(stored.length).toBeGreaterThan(10);
    for (const { name, column, notNull } of stored) {
      expect(nullable.has(column), `${name}: ${table}.${column} exists`).toBe(true);
      expect(notNull, `${name} (${table}.${column}) notNull flag`).toBe(nullable.get(column) === false);
    }
  });
});
