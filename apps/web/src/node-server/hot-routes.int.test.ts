import "@/testing/next-environment";
import { once } from "node:events";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { closeQueues } from "@loupe/jobs";
import { closePromptCache, updateMaskingSettings } from "@loupe/server";
import { createProjectWithKeys } from "@loupe/server/testing";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@loupe/db";
import * as ingestionRoute from "../app/api/public/ingestion/route";
import * as promptRoute from "../app/api/public/v2/prompts/[promptName]/route";
import * as promptsRoute from "../app/api/public/v2/prompts/route";
import { answerHotRoute } from "./hot-routes";
import { closeIngestionPool } from "./ingestion-pool";
import { answerPromptFetch } from "./prompt-fetch";

// The Node server answers GET /api/public/v2/prompts/{name} before Next; the route file answers it under
// `next dev` and in these tests. Both must give the SDKs the same answer for every input.

let basic: string;
let bearer: string;
let projectId: string;
let otherBasic: string;
let server: Server;
let base: string;

beforeAll(async () => {
  ({
    basic,
    bearer,
    project: { id: projectId },
  } = await createProjectWithKeys());
  ({ basic: otherBasic } = await createProjectWithKeys());
  const create = (body: unknown) =>
    promptsRoute.POST(
      new NextRequest("http://loupe.test/api/public/v2/prompts", {
        method: "POST",
        headers: { authorization: basic, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );
  expect((await create({ name: "support/triage", prompt: "Hi {{name}}", labels: ["production"] })).status).toBe(201);
  expect((await create({ name: "support/triage", prompt: "Hello {{name}}", labels: ["staging"] })).status).toBe(201);
  expect(
    (await create({ name: "greet", type: "chat", prompt: [{ role: "system", content: "be kind" }], labels: ["production"] })).status,
  ).toBe(201);
  server = createServer((req, res) => {
    if (!answerHotRoute(req, res)) {
      res.writeHead(418);
      res.end("not hot");
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  closePromptCache();
  await closeIngestionPool();
  await closeQueues();
});

async function viaNext(auth: string | undefined, segment: string, search = "") {
  let promptName = segment;
  try {
    promptName = decodeURIComponent(segment);
  } catch {}
  const req = new NextRequest(`http://loupe.test/api/public/v2/prompts/${segment}${search}`, {
    headers: auth === undefined ? {} : { authorization: auth },
  });
  const res = await promptRoute.GET(req, { params: Promise.resolve({ promptName }) });
  return { status: res.status, body: JSON.parse(await res.text()) };
}

async function viaNodeServer(auth: string | undefined, segment: string, search = "") {
  const answer = await answerPromptFetch(auth, segment, new URLSearchParams(search.replace(/^\?/, "")), "req-1");
  return { status: answer.status, body: JSON.parse(answer.body) };
}

describe("the Node server's prompt fetch answers as the route file does", () => {
  const cases: [string, () => string | undefined, string, string][] = [
    ["production by default, name with a slash", () => basic, "support%2Ftriage", ""],
    ["by label", () => basic, "support%2Ftriage", "?label=staging"],
    ["by version", () => basic, "support%2Ftriage", "?version=1"],
    ["a chat prompt", () => basic, "greet", ""],
    ["unknown name: 404 in the shape the SDKs fall back on", () => basic, "missing", ""],
    ["unknown label", () => basic, "greet", "?label=nope"],
    ["version and label together", () => basic, "greet", "?version=1&label=production"],
    ["version not a number", () => basic, "greet", "?version=abc"],
    ["another project's key sees nothing", () => otherBasic, "greet", ""],
    ["no authorization", () => undefined, "greet", ""],
    ["a wrong secret", () => `Basic ${Buffer.from("pk-lf-nope:sk-lf-nope").toString("base64")}`, "greet", ""],
  ];
  for (const [name, auth, segment, search] of cases) {
    it(name, async () => {
      const next = await viaNext(auth(), segment, search);
      const node = await viaNodeServer(auth(), segment, search);
      expect(node).toEqual(next);
    });
  }

  it("answers 200 with the prompt, and 4xx (never 500) for each bad input", async () => {
    expect((await viaNodeServer(basic, "support%2Ftriage")).body).toMatchObject({
      name: "support/triage",
      prompt: "Hi {{name}}",
      version: 1,
    });
    for (const [, auth, segment, search] of cases.slice(4)) {
      const { status } = await viaNodeServer(auth(), segment, search);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    expect(await viaNodeServer(basic, "%E0%A4%A")).toMatchObject({ status: 400 });
    // Hostile names and queries: NUL, a lone surrogate, 64 KB, a huge number, repeated keys.
    for (const [segment, search] of [
      ["a%00b", ""],
      ["%ED%A0%80", ""],
      ["x".repeat(65_536), ""],
      ["greet", "?version=1e999"],
      ["greet", "?label=%00"],
      ["greet", "?label=a&label=b"],
      ["greet", `?label=${"l".repeat(65_536)}`],
    ] as const) {
      const { status } = await viaNodeServer(basic, segment, search);
      expect([segment.slice(0, 20), search.slice(0, 20), status >= 400 && status < 500]).toEqual([
        segment.slice(0, 20),
        search.slice(0, 20),
        true,
      ]);
    }
  });
});

describe("answerHotRoute over HTTP", () => {
  it("answers the prompt fetch with the public API's headers", async () => {
    const res = await fetch(`${base}/api/public/v2/prompts/support%2Ftriage?label=staging`, {
      headers: { authorization: basic, "x-request-id": "trace-me" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: "support/triage", version: 2, labels: ["latest", "staging"] });
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "content-type": "application/json",
      "x-request-id": "trace-me",
      "access-control-allow-origin": "*",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
    });
  });

  it("leaves every other request to Next", async () => {
    for (const [method, path] of [
      ["GET", "/api/public/v2/prompts"],
      ["GET", "/api/public/v2/prompts/"],
      ["DELETE", "/api/public/v2/prompts/greet"],
      ["PATCH", "/api/public/v2/prompts/greet/versions/1"],
      ["GET", "/api/public/v2/prompts/greet/versions/1"],
      ["GET", "/project/x/prompts/greet"],
    ] as const) {
      const res = await fetch(`${base}${path}`, { method, headers: { authorization: basic } });
      expect([method, path, res.status]).toEqual([method, path, 418]);
    }
  });
});

describe("the Node server's ingestion answers as the route file does", () => {
  type Sent = { auth?: string; body: string; contentType?: string };
  const headersOf = (c: Sent) => ({
    ...(c.auth === undefined ? {} : { authorization: c.auth }),
    "content-type": c.contentType ?? "application/json",
  });
  async function viaNext(c: Sent) {
    const req = new NextRequest("http://loupe.test/api/public/ingestion", { method: "POST", headers: headersOf(c), body: c.body });
    const res = await ingestionRoute.POST(req, { params: Promise.resolve({}) });
    return { status: res.status, body: JSON.parse(await res.text()) };
  }
  async function viaNodeServer(c: Sent) {
    const res = await fetch(`${base}/api/public/ingestion`, { method: "POST", headers: headersOf(c), body: c.body });
    return { status: res.status, body: JSON.parse(await res.text()) };
  }
  const batch = (...events: unknown[]) => JSON.stringify({ batch: events });
  const traceEvent = (id: string) => ({
    id: `ev-${id}`,
    type: "trace-create",
    timestamp: new Date().toISOString(),
    body: { id, name: "hot" },
  });

  const cases: [string, () => Sent][] = [
    [
      "a valid batch: 207, one outcome per event",
      () => ({ auth: basic, body: batch(traceEvent(randomUUID()), { id: "bad", type: "nope" }) }),
    ],
    ["a score-only key may not create traces (per-event 403 in the 207)", () => ({ auth: bearer, body: batch(traceEvent(randomUUID())) })],
    ["no authorization", () => ({ body: batch(traceEvent(randomUUID())) })],
    ["a wrong secret", () => ({ auth: `Basic ${Buffer.from("pk-lf-nope:sk-lf-nope").toString("base64")}`, body: "{}" })],
    ["an empty body", () => ({ auth: basic, body: "" })],
    ["a body that is not JSON", () => ({ auth: basic, body: '{"batch": [' })],
    ["JSON that is not a batch", () => ({ auth: basic, body: JSON.stringify({ batch: "many" }) })],
    ["a body past the limit (4.5 MB)", () => ({ auth: basic, body: " ".repeat(4_600_000) })],
  ];
  for (const [name, sent] of cases) {
    it(name, async () => {
      const c = sent();
      const next = await viaNext(c);
      const node = await viaNodeServer(c);
      expect(node).toEqual(next);
      expect(node.status).toBeLessThan(500);
    });
  }

  it("stores what it accepts, with the request's id on the answer", async () => {
    const id = randomUUID();
    const res = await fetch(`${base}/api/public/ingestion`, {
      method: "POST",
      headers: { authorization: basic, "content-type": "application/json", "x-request-id": "ingest-me" },
      body: batch(traceEvent(id)),
    });
    expect(res.status).toBe(207);
    expect(res.headers.get("x-request-id")).toBe("ingest-me");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await res.json()).toEqual({ successes: [{ id: `ev-${id}`, status: 201 }], errors: [] });
    const [row] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "IngestionBatch" WHERE "projectId" = ${projectId} AND "events"::text LIKE ${`%${id}%`}`;
    expect(row?.n).toBe(1);
  });

  // A raw request that writes its body in parts, as a slow uploader does; done when both the answer and
  // the upload are over, so a broken pipe mid-upload is seen.
  function postInParts(headers: Record<string, string | number>, parts: Buffer[], pauseMs: number) {
    return new Promise<{ status: number; connection: string | undefined; body: string; writeError?: string }>((resolve) => {
      let writeError: string | undefined;
      let answered: { status: number; connection: string | undefined; body: string } | undefined;
      let uploadOver = false;
      const settle = () => {
        if (answered && uploadOver) resolve({ ...answered, writeError });
      };
      const req = httpRequest(`${base}/api/public/ingestion`, { method: "POST", headers }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => {
          answered = { status: res.statusCode ?? 0, connection: res.headers.connection, body };
          settle();
        });
      });
      req.on("error", (error) => {
        writeError = error.message;
        answered ??= { status: 0, connection: undefined, body: "" };
      });
      req.on("close", () => {
        uploadOver = true;
        settle();
      });
      void (async () => {
        for (const part of parts) {
          if (req.destroyed) return;
          req.write(part);
          await new Promise((r) => setTimeout(r, pauseMs));
        }
        if (!req.destroyed) req.end();
      })();
    });
  }

  it("a body past the limit is read to its end before the 413, so a client still writing gets the answer, not a broken pipe", async () => {
    const part = Buffer.alloc(1_000_000, 0x20);
    const parts = [part, part, part, part, part];
    const answer = await postInParts({ authorization: basic, "content-type": "application/json", "content-length": 5_000_000 }, parts, 150);
    expect(answer.writeError).toBeUndefined();
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).message).toBe("Request body is larger than the limit of 4500000 bytes");
    expect(answer.connection).toBe("keep-alive");
  });

  it("a declared length far past the limit is answered at once and the connection closed (nothing more is read)", async () => {
    const answer = await postInParts(
      { authorization: basic, "content-type": "application/json", "content-length": 1_000_000_000 },
      [Buffer.alloc(64_000, 0x20)],
      2_000,
    );
    expect(answer.status).toBe(413);
    expect(answer.connection).toBe("close");
  });

  it("masks on the ingestion threads what the project masks, before the batch is stored, and so does the event loop with LOUPE_INGESTION_THREADS=0", async () => {
    const masked = await createProjectWithKeys();
    await updateMaskingSettings(
      masked.project.id,
      { enabled: true, customRules: [{ name: "ticket", pattern: "TICKET-\\d+", replacement: "[TICKET]" }] },
      {
        actor: { type: "system" },
        ip: null,
      },
    );
    const stored = async (id: string) => {
      const [row] = await prisma.$queryRaw<{ events: string }[]>`
        SELECT "events"::text AS events FROM "IngestionBatch" WHERE "projectId" = ${masked.project.id} AND "events"::text LIKE ${`%${id}%`}`;
      return row?.events ?? "";
    };
    const send = async () => {
      const id = randomUUID();
      const event = { ...traceEvent(id), body: { id, name: "masked", input: "mail ada@example.com about TICKET-4711" } };
      const res = await fetch(`${base}/api/public/ingestion`, {
        method: "POST",
        headers: { authorization: masked.basic, "content-type": "application/json" },
        body: batch(event),
      });
      expect(res.status).toBe(207);
      return stored(id);
    };
    for (const threads of [undefined, "0"]) {
      if (threads) process.env.LOUPE_INGESTION_THREADS = threads;
      try {
        const events = await send();
        expect(events).toContain("masked");
        expect(events).not.toContain("ada@example.com");
        expect(events).not.toContain("TICKET-4711");
        expect(events).toContain("[TICKET]");
      } finally {
        delete process.env.LOUPE_INGESTION_THREADS;
      }
    }
  });
});
