import "@/testing/next-environment";
import { EXPORT_MAX_ROWS, SUGGESTION_LIMIT } from "@loupe/contracts";
import { prisma, SUGGESTION_WINDOW } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { clearFilterSuggestionCache } from "@loupe/server";
import Papa from "papaparse";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addSignedInMember, callRoute, createSignedInTenant, type RouteHandler } from "@/testing/call-route";
import * as nextAuthRoute from "./auth/[...nextauth]/route";
import * as observationExportRoute from "./internal/projects/[projectId]/exports/observations/route";
import * as traceExportRoute from "./internal/projects/[projectId]/exports/traces/route";
import * as suggestionsRoute from "./internal/projects/[projectId]/filter-suggestions/route";
import * as publicTraceExportRoute from "./public/exports/traces/route";
import * as sessionExportRoute from "./internal/projects/[projectId]/exports/sessions/route";
import * as userExportRoute from "./internal/projects/[projectId]/exports/users/route";
import * as publicUserExportRoute from "./public/exports/users/route";
import * as savedViewRoute from "./internal/projects/[projectId]/saved-views/[viewId]/route";
import * as savedViewsRoute from "./internal/projects/[projectId]/saved-views/route";

// The table tools through their real routes (Postgres, next-auth sessions): filter suggestions
// (bounded to the newest rows, project-scoped), saved views (shared, MEMBER+ writes), and exports
// (streamed CSV/JSONL of the filtered list, keyset-paged).

const BASE = "http://loupe.test";
const nextAuth = nextAuthRoute as unknown as { GET: RouteHandler; POST: RouteHandler };
type Tenant = { projectId: string; cookie: string; basic: string };
let owner: Tenant;
let other: Tenant;
let viewer: { cookie: string };
let member: { cookie: string };

async function call(
  handler: unknown,
  c: { path: string; projectId?: string; method?: string; body?: unknown; params?: Record<string, string>; cookie?: string },
) {
  const projectId = c.projectId ?? owner.projectId;
  return callRoute(handler as RouteHandler, {
    url: `${BASE}/api/internal/projects/${projectId}${c.path}`,
    method: c.method ?? "GET",
    headers: { "content-type": "application/json", cookie: c.cookie ?? owner.cookie },
    params: { projectId, ...c.params },
    body: c.body === undefined ? undefined : JSON.stringify(c.body),
  });
}
const json = async (res: Response) => ({ status: res.status, body: res.status === 204 ? null : await res.json() });

/** Traces written directly (this is about reading them): `g` seconds old each, with the given columns. */
async function insertTraces(
  projectId: string,
  count: number,
  columns: { name: string; userId: string; tags: string; environment: string },
) {
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Trace" ("projectId", "id", "name", "userId", "tags", "environment", "timestamp", "updatedAt")
     SELECT $1, $1 || '-' || g, ${columns.name}, ${columns.userId}, ${columns.tags}, ${columns.environment},
       now() - g * interval '1 second', now()
     FROM generate_series(1, $2::int) g`,
    projectId,
    count,
  );
}

beforeAll(async () => {
  owner = await createSignedInTenant(nextAuth, BASE);
  other = await createSignedInTenant(nextAuth, BASE);
  viewer = await addSignedInMember(nextAuth, BASE, owner.projectId, "VIEWER");
  member = await addSignedInMember(nextAuth, BASE, owner.projectId, "MEMBER");
}, 60_000);

afterAll(async () => {
  await closeQueues();
});

describe("filter suggestions", () => {
  beforeEach(() => clearFilterSuggestionCache());
  const suggest = async (field: string, prefix: string, tenant: Tenant = owner) =>
    json(await call(suggestionsRoute.GET, { path: `/filter-suggestions?field=${field}&prefix=${encodeURIComponent(prefix)}`, ...tenant }));

  it("suggests a project's values by prefix, most frequent first, never another project's", async () => {
    await insertTraces(owner.projectId, 300, {
      name: `(ARRAY['Chat-bot','chat-summary','rag'])[1 + g % 3]`,
      userId: `'user-' || (g % 7)`,
      tags: `ARRAY['tier-' || (g % 2), 'beta']`,
      environment: `CASE WHEN g % 10 = 0 THEN 'staging' ELSE 'production' END`,
    });
    await insertTraces(other.projectId, 50, {
      name: `'chat-other'`,
      userId: `'other-user'`,
      tags: `ARRAY['tier-secret']`,
      environment: `'chat'`,
    });

    expect((await suggest("traceName", "CHA")).body).toEqual({ field: "traceName", values: ["Chat-bot", "chat-summary"] });
    expect((await suggest("environment", "")).body.values).toEqual(["production", "staging"]);
    expect((await suggest("tags", "tier")).body.values.sort()).toEqual(["tier-0", "tier-1"]);
    expect((await suggest("userId", "user-")).body.values).toHaveLength(7);
    // The other project sees only its own.
    expect((await suggest("traceName", "chat", other)).body.values).toEqual(["chat-other"]);
    expect((await suggest("tags", "", other)).body.values).toEqual(["tier-secret"]);
  });

  it("reads only the newest rows of the project (bounded), and answers high-cardinality fields per prefix", async () => {
    const tenant = await createSignedInTenant(nextAuth, BASE);
    // One old trace with a unique name, then a full window of newer ones.
    await prisma.$executeRaw`INSERT INTO "Trace" ("projectId", "id", "name", "userId", "timestamp", "updatedAt")
      VALUES (${tenant.projectId}, 'ancient', 'ancient-name', 'ancient-user', now() - interval '30 days', now())`;
    await insertTraces(tenant.projectId, SUGGESTION_WINDOW.trace, {
      name: `'recent-name'`,
      userId: `'u-' || g`,
      tags: `ARRAY[]::text[]`,
      environment: `'production'`,
    });
    expect((await suggest("traceName", "", tenant)).body.values).toEqual(["recent-name"]);
    expect((await suggest("traceName", "anc", tenant)).body.values).toEqual([]);
    // 10,000 distinct users: more than the list kept per field, so each prefix is its own bounded query.
    const many = (await suggest("userId", "u-", tenant)).body.values;
    expect(many).toHaveLength(SUGGESTION_LIMIT);
    expect((await suggest("userId", "u-9999", tenant)).body.values).toEqual(["u-9999"]);
    expect((await suggest("userId", "ancient", tenant)).body.values).toEqual([]);
  }, 60_000);

  it("suggests observation fields (models) and refuses unknown fields and a caller outside the project", async () => {
    const tenant = await createSignedInTenant(nextAuth, BASE);
    await prisma.$executeRaw`INSERT INTO "Observation" ("projectId", "id", "traceId", "type", "name", "startTime", "model", "updatedAt")
      SELECT ${tenant.projectId}, 'o-' || g, 't-' || g, 'GENERATION', 'llm-call', now() - g * interval '1 second',
        (ARRAY['gpt-4o','gpt-4o-mini','claude'])[1 + g % 3], now() FROM generate_series(1, 30) g`;
    expect((await suggest("model", "gpt", tenant)).body.values.sort()).toEqual(["gpt-4o", "gpt-4o-mini"]);
    expect((await suggest("observationName", "", tenant)).body.values).toEqual(["llm-call"]);
    const bad = await suggest("input", "");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("field must be one of");
    const foreign = await json(
      await call(suggestionsRoute.GET, { path: "/filter-suggestions?field=model&prefix=", projectId: tenant.projectId }),
    );
    expect(foreign.status).toBe(404);
  });
});

describe("saved views", () => {
  const state = {
    query: { range: "24h", name: "chat", sort: "cost", order: "asc", page: "3" },
    columns: { order: ["name", "timestamp"], hidden: ["id"] },
  };

  it("MEMBER+ create, rename, overwrite and delete; VIEWERs list and apply but may not write", async () => {
    const created = await json(
      await call(savedViewsRoute.POST, {
        path: "/saved-views",
        method: "POST",
        cookie: member.cookie,
        body: { table: "traces", name: "Costly chats", state },
      }),
    );
    expect(created.status).toBe(201);
    // The page is not part of a view.
    expect(created.body.state).toEqual({ query: { range: "24h", name: "chat", sort: "cost", order: "asc" }, columns: state.columns });

    const listed = await json(await call(savedViewsRoute.GET, { path: "/saved-views?table=traces", cookie: viewer.cookie }));
    expect(listed.body.data.map((v: { name: string }) => v.name)).toEqual(["Costly chats"]);
    expect((await json(await call(savedViewsRoute.GET, { path: "/saved-views?table=observations" }))).body.data).toEqual([]);

    const refused = await json(
      await call(savedViewsRoute.POST, {
        path: "/saved-views",
        method: "POST",
        cookie: viewer.cookie,
        body: { table: "traces", name: "Mine", state },
      }),
    );
    expect(refused.status).toBe(403);
    const id = created.body.id as string;
    const viewerPatch = await call(savedViewRoute.PATCH, {
      path: `/saved-views/${id}`,
      method: "PATCH",
      params: { viewId: id },
      cookie: viewer.cookie,
      body: { name: "x" },
    });
    expect(viewerPatch.status).toBe(403);
    const viewerDelete = await call(savedViewRoute.DELETE, {
      path: `/saved-views/${id}`,
      method: "DELETE",
      params: { viewId: id },
      cookie: viewer.cookie,
    });
    expect(viewerDelete.status).toBe(403);

    const renamed = await json(
      await call(savedViewRoute.PATCH, {
        path: `/saved-views/${id}`,
        method: "PATCH",
        params: { viewId: id },
        body: { name: "Expensive chats", state: { query: { minLevel: "ERROR" } } },
      }),
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Expensive chats", state: { query: { minLevel: "ERROR" }, columns: null } });

    const removed = await call(savedViewRoute.DELETE, {
      path: `/saved-views/${id}`,
      method: "DELETE",
      params: { viewId: id },
      cookie: member.cookie,
    });
    expect(removed.status).toBe(204);
    expect((await json(await call(savedViewsRoute.GET, { path: "/saved-views?table=traces" }))).body.data).toEqual([]);
  });

  it("refuses a taken name (409), filters the table does not have and invalid values (400), other projects' views (404)", async () => {
    const body = { table: "sessions", name: "Errors", state: { query: { minLevel: "ERROR" } } };
    expect((await call(savedViewsRoute.POST, { path: "/saved-views", method: "POST", body })).status).toBe(201);
    const taken = await json(await call(savedViewsRoute.POST, { path: "/saved-views", method: "POST", body }));
    expect(taken.status).toBe(409);
    expect(taken.body.title).toContain('"Errors" already exists');
    // The same name on another table is fine.
    expect((await call(savedViewsRoute.POST, { path: "/saved-views", method: "POST", body: { ...body, table: "users" } })).status).toBe(
      201,
    );

    const unknownKey = await json(
      await call(savedViewsRoute.POST, {
        path: "/saved-views",
        method: "POST",
        body: { table: "users", name: "Models", state: { query: { model: "gpt-4o" } } },
      }),
    );
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.title).toContain("state.query.model: not a filter of the users table");
    const badValue = await json(
      await call(savedViewsRoute.POST, {
        path: "/saved-views",
        method: "POST",
        body: { table: "traces", name: "Bad", state: { query: { range: "2y" } } },
      }),
    );
    expect(badValue.status).toBe(400);
    expect(badValue.body.title).toContain("state.query.range");

    const mine = (await json(await call(savedViewsRoute.GET, { path: "/saved-views?table=sessions" }))).body.data[0];
    const foreign = await call(savedViewRoute.PATCH, {
      path: `/saved-views/${mine.id}`,
      projectId: other.projectId,
      cookie: other.cookie,
      method: "PATCH",
      params: { viewId: mine.id },
      body: { name: "stolen" },
    });
    expect(foreign.status).toBe(404);
    const foreignDelete = await call(savedViewRoute.DELETE, {
      path: `/saved-views/${mine.id}`,
      projectId: other.projectId,
      cookie: other.cookie,
      method: "DELETE",
      params: { viewId: mine.id },
    });
    expect(foreignDelete.status).toBe(404);
    expect(
      (
        await json(
          await call(savedViewsRoute.GET, { path: "/saved-views?table=sessions", projectId: other.projectId, cookie: other.cookie }),
        )
      ).body.data,
    ).toEqual([]);
  });
});

describe("exports", () => {
  let tenant: Tenant;
  const tricky = ['quote " and, comma', "line\nbreak", '=HYPERLINK("http://evil")', "@SUM(A1)", "+1", "-2"];
  beforeAll(async () => {
    tenant = await createSignedInTenant(nextAuth, BASE);
    // 2,500 traces (three keyset pages), the newest 500 sharing one timestamp (the id breaks the tie).
    await prisma.$executeRaw`INSERT INTO "Trace" ("projectId", "id", "name", "userId", "tags", "timestamp", "latencyMs", "updatedAt")
      SELECT ${tenant.projectId}, 'bulk-' || lpad(g::text, 5, '0'), 'bulk', 'user-' || (g % 3), ARRAY['a', 'b,c'],
        CASE WHEN g <= 500 THEN date_trunc('second', now()) - interval '1 minute' ELSE now() - g * interval '1 second' END,
        g * 1.5, now()
      FROM generate_series(1, 2500) g`;
    for (const [i, name] of tricky.entries())
      await prisma.$executeRaw`INSERT INTO "Trace" ("projectId", "id", "name", "userId", "timestamp", "updatedAt")
        VALUES (${tenant.projectId}, ${`tricky-${i}`}, ${name}, ${name}, now() - interval '10 days', now())`;
    await prisma.$executeRaw`INSERT INTO "Observation" ("projectId", "id", "traceId", "type", "name", "startTime", "model", "totalTokens", "updatedAt")
      SELECT ${tenant.projectId}, 'obs-' || g, 'bulk-' || lpad(g::text, 5, '0'), CASE WHEN g % 2 = 0 THEN 'GENERATION' ELSE 'SPAN' END,
        'step', now() - g * interval '1 second', 'gpt-4o', g, now()
      FROM generate_series(1, 40) g`;
  }, 60_000);

  const download = (handler: unknown, path: string) => call(handler, { path, ...tenant });
  const csv = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, newline: "\r\n", skipEmptyLines: true }).data;

  it("streams every filtered trace as CSV, newest first across keyset pages, quoting and defusing user text", async () => {
    const res = await download(traceExportRoute.GET, "/exports/traces?name=bulk&format=csv&sort=name&page=7");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="traces-[\d-]+\.csv"$/);
    expect(res.body).toBeInstanceOf(ReadableStream);
    const rows = csv(await res.text());
    expect(rows).toHaveLength(2500);
    // Newest first whatever the table's sort; within the tied second, by id descending; no row twice.
    expect(rows.slice(0, 2).map((r) => r.id)).toEqual(["bulk-00500", "bulk-00499"]);
    expect(rows.at(-1)?.id).toBe("bulk-02500");
    expect(new Set(rows.map((r) => r.id)).size).toBe(2500);
    expect(rows[0]).toMatchObject({ name: "bulk", userId: "user-2", tags: '["a","b,c"]', latencyMs: "750" });

    const all = csv(await (await download(traceExportRoute.GET, "/exports/traces?search=tricky")).text());
    expect(all.map((r) => r.name).sort()).toEqual(
      ["'+1", "'-2", '\'=HYPERLINK("http://evil")', "'@SUM(A1)", "line\nbreak", 'quote " and, comma'].sort(),
    );
  });

  it("honours the table's filters (user, time range) and streams JSONL with the same columns", async () => {
    const res = await download(traceExportRoute.GET, "/exports/traces?format=jsonl&userId=user-1&range=24h");
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = (await res.text())
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(834);
    expect(lines.every((l) => l.userId === "user-1" && l.name === "bulk")).toBe(true);
    expect(Object.keys(lines[0])).toEqual(expect.arrayContaining(["id", "timestamp", "tags", "totalCost", "level"]));
    // JSON is not run by a spreadsheet: user text goes out exactly as it came in.
    const text = await (await download(traceExportRoute.GET, "/exports/traces?format=jsonl&search=tricky")).text();
    const names = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l).name);
    expect(names.sort()).toEqual([...tricky].sort());
  });

  it("exports observations with the table's type filter, and refuses a bad format or another project", async () => {
    const gens = csv(await (await download(observationExportRoute.GET, "/exports/observations")).text());
    expect(gens).toHaveLength(20);
    expect(gens.every((r) => r.type === "GENERATION" && r.model === "gpt-4o")).toBe(true);
    const every = (await (await download(observationExportRoute.GET, "/exports/observations?type=ALL&format=jsonl")).text())
      .trimEnd()
      .split("\n");
    expect(every).toHaveLength(40);

    // Each download is in the audit log with its format and filter; a refused one (below) is not.
    const exportsBefore = await prisma.auditLog.count({ where: { projectId: tenant.projectId, action: "traces.exported" } });
    expect(
      await prisma.auditLog.findFirst({
        where: { projectId: tenant.projectId, action: "observations.exported" },
        orderBy: { seq: "desc" },
        select: { after: true },
      }),
    ).toMatchObject({ after: { format: "jsonl", filter: { type: "ALL", range: "all" } } });
    const bad = await json(await download(traceExportRoute.GET, "/exports/traces?format=xlsx"));
    expect(bad.status).toBe(400);
    expect(await prisma.auditLog.count({ where: { projectId: tenant.projectId, action: "traces.exported" } })).toBe(exportsBefore);
    expect(JSON.stringify(bad.body)).toContain("format must be csv or jsonl");
    const foreign = await call(traceExportRoute.GET, { path: "/exports/traces", projectId: tenant.projectId, cookie: owner.cookie });
    expect(foreign.status).toBe(404);
    // An empty result is a header only.
    expect(await (await download(traceExportRoute.GET, "/exports/traces?name=nothing")).text()).toBe(
      "id,timestamp,name,userId,sessionId,environment,release,version,tags,level,observationCount,latencyMs,inputTokens,outputTokens,totalTokens,totalCost\r\n",
    );
    expect(EXPORT_MAX_ROWS).toBe(100_000);
  });

  it("answers the same export to the project's API key on the public route, and 401 without one", async () => {
    const get = (authorization?: string) =>
      callRoute(publicTraceExportRoute.GET as RouteHandler, {
        url: `${BASE}/api/public/exports/traces?name=bulk&userId=user-0&format=jsonl`,
        headers: authorization ? { authorization } : {},
      });
    const res = await get(tenant.basic);
    expect(res.status).toBe(200);
    const lines = (await res.text()).trimEnd().split("\n");
    expect(lines).toHaveLength(833);
    expect((await get()).status).toBe(401);
    // Another project's key sees that project's traces only.
    expect((await (await get(owner.basic)).text()).trim()).toBe("");
  });
});

describe("sessions and users exports", () => {
  let tenant: Tenant;
  const SESSIONS = 1_150; // two keyset pages of 1,000
  const sessionOf = (g: number) => `sess-${String(g % SESSIONS).padStart(5, "0")}`;
  const userOf = (g: number) => `u-${g % 7}`;
  beforeAll(async () => {
    tenant = await createSignedInTenant(nextAuth, BASE);
    // 2,300 traces: each session has two (g and g + 1,150), of two users; every trace costs $0.5.
    await prisma.$executeRaw`INSERT INTO "Trace" ("projectId", "id", "name", "sessionId", "userId", "timestamp", "latencyMs", "totalCost", "totalTokens", "updatedAt")
      SELECT ${tenant.projectId}, 'g-' || g, 'chat', 'sess-' || lpad((g % ${SESSIONS})::text, 5, '0'), 'u-' || (g % 7),
        now() - g * interval '1 second', 100, 0.5, 10, now()
      FROM generate_series(1, 2300) g`;
  }, 60_000);
  const download = (handler: unknown, path: string) => call(handler, { path, ...tenant });
  const csv = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, newline: "\r\n", skipEmptyLines: true }).data;

  it("streams every session in id order across keyset pages, with its totals, and honours the list's filters", async () => {
    const res = await download(sessionExportRoute.GET, "/exports/sessions?format=csv&sort=cost&page=3");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="sessions-[\d-]+\.csv"$/);
    const rows = csv(await res.text());
    expect(rows).toHaveLength(SESSIONS);
    const ids = rows.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(SESSIONS);
    const first = rows[0];
    expect(first).toMatchObject({ id: "sess-00000", traceCount: "2", totalCost: "1", totalTokens: "20" });
    expect(JSON.parse(first?.userIds ?? "[]").sort()).toEqual([userOf(1150), userOf(2300)].sort());

    // A user filter: the sessions with one trace of that user (computed from the seed, not restated).
    const expected = new Set<string>();
    for (let g = 1; g <= 2300; g++) if (userOf(g) === "u-3") expected.add(sessionOf(g));
    const lines = (await (await download(sessionExportRoute.GET, "/exports/sessions?format=jsonl&userId=u-3")).text())
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id).sort()).toEqual([...expected].sort());
    expect(Object.keys(lines[0])).toEqual([
      "id",
      "userIds",
      "environment",
      "traceCount",
      "firstTraceAt",
      "lastTraceAt",
      "durationMs",
      "inputTokens",
      "outputTokens",
      "totalTokens",
      "totalCost",
    ]);
    expect(
      await prisma.auditLog.findFirst({
        where: { projectId: tenant.projectId, action: "sessions.exported" },
        orderBy: { seq: "desc" },
        select: { after: true },
      }),
    ).toMatchObject({ after: { format: "jsonl", filter: { userId: "u-3" } } });

    const bad = await json(await download(sessionExportRoute.GET, "/exports/sessions?format=pdf"));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("format must be csv or jsonl");
    expect(
      (await call(sessionExportRoute.GET, { path: "/exports/sessions", projectId: tenant.projectId, cookie: owner.cookie })).status,
    ).toBe(404);
  });

  it("exports users with their trace and session counts, with a session or the project's API key", async () => {
    const users = csv(await (await download(userExportRoute.GET, "/exports/users")).text());
    expect(users.map((u) => u.id)).toEqual(["u-0", "u-1", "u-2", "u-3", "u-4", "u-5", "u-6"]);
    const u3 = users.find((u) => u.id === "u-3");
    const traces = Array.from({ length: 2300 }, (_, i) => i + 1).filter((g) => userOf(g) === "u-3");
    expect(u3).toMatchObject({ traceCount: String(traces.length), sessionCount: String(new Set(traces.map(sessionOf)).size) });

    const get = (authorization?: string) =>
      callRoute(publicUserExportRoute.GET as RouteHandler, {
        url: `${BASE}/api/public/exports/users?format=jsonl&search=u-6`,
        headers: authorization ? { authorization } : {},
      });
    const lines = (await (await get(tenant.basic)).text()).trimEnd().split("\n");
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(["u-6"]);
    expect((await get()).status).toBe(401);
    expect((await (await get(owner.basic)).text()).trim()).toBe("");
  });
});
