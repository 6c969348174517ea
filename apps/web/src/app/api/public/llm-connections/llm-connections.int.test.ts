import { prisma } from "@loupe/db";
import { createProjectWithKeys } from "@loupe/server/testing";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as byId from "./[id]/route";
import * as collection from "./route";

// The Langfuse-compatible llm-connections API through its real route handlers.

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(
  handler: Handler,
  auth: string,
  init: { method: string; body?: unknown; rawBody?: string; query?: string; params?: Record<string, string> },
) {
  const req = new NextRequest(`http://loupe.test/api/public/llm-connections${init.query ?? ""}`, {
    method: init.method,
    headers: { authorization: auth, "content-type": "application/json" },
    body: init.rawBody ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  const res = await handler(req, { params: Promise.resolve(init.params ?? {}) });
  return { status: res.status, body: await res.json() };
}

const put = (auth: string, body: unknown) => call(collection.PUT, auth, { method: "PUT", body });

describe("/api/public/llm-connections", () => {
  it("upserts on provider, never returns a secret, stores it encrypted, and scopes everything to the key's project", async () => {
    const { project, basic } = await createProjectWithKeys();
    const created = await put(basic, {
      provider: "openai-prod",
      adapter: "openai",
      secretKey: "sk-proj-verysecretkey-9876",
      customModels: ["my-ft-model"],
      extraHeaders: { "OpenAI-Organization": "org-123" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      provider: "openai-prod",
      adapter: "openai",
      displaySecretKey: "sk-…9876",
      baseURL: null,
      customModels: ["my-ft-model"],
      withDefaultModels: true,
      extraHeaderKeys: ["OpenAI-Organization"],
      config: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const row = await prisma.llmConnection.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.secretKey).not.toContain("verysecret");
    expect(row.extraHeaders).not.toContain("org-123");

    const replaced = await put(basic, {
      provider: "openai-prod",
      adapter: "openai",
      secretKey: "sk-proj-otherkey-1111",
      withDefaultModels: false,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      id: created.body.id,
      displaySecretKey: "sk-…1111",
      withDefaultModels: false,
      customModels: [],
      extraHeaderKeys: [],
    });

    await put(basic, { provider: "claude", adapter: "anthropic", secretKey: "sk-ant-abcdefgh-2222" });
    const list = await call(collection.GET, basic, { method: "GET", query: "?limit=1&page=2" });
    expect(list.status).toBe(200);
    expect(list.body.meta).toEqual({ page: 2, limit: 1, totalItems: 2, totalPages: 2 });
    expect(list.body.data).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toMatch(/otherkey|abcdefgh|secretKey"/);

    const other = await createProjectWithKeys();
    expect((await call(collection.GET, other.basic, { method: "GET" })).body.meta.totalItems).toBe(0);
    const foreignDelete = await call(byId.DELETE, other.basic, { method: "DELETE", params: { id: created.body.id } });
    expect(foreignDelete.status).toBe(404);
    expect(foreignDelete.body.error).toBe("LangfuseNotFoundError");

    const deleted = await call(byId.DELETE, basic, { method: "DELETE", params: { id: created.body.id } });
    expect(deleted).toEqual({ status: 200, body: { message: "LLM connection successfully deleted" } });
    expect(await prisma.llmConnection.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("answers bad input with a 400 that names the problem, and writes nothing", async () => {
    const { project, basic } = await createProjectWithKeys();
    const cases: [unknown, RegExp][] = [
      [{ provider: "b", adapter: "bedrock", secretKey: "k" }, /adapter must be one of/],
      [{ provider: "a", adapter: "azure", secretKey: "k" }, /baseURL is required for azure/],
      [
        { provider: "m", adapter: "openai", secretKey: "k", baseURL: "http://169.254.169.254/latest/meta-data" },
        /Invalid baseURL: 169\.254\.169\.254 is a link-local/,
      ],
      [{ provider: "f", adapter: "openai", secretKey: "k", baseURL: "file:///etc/passwd" }, /http\(s\) URL/],
      [{ provider: "h", adapter: "openai", secretKey: "k", extraHeaders: { Authorization: "Bearer x" } }, /extra headers may not set/],
      [{ provider: "h", adapter: "openai", secretKey: "k", extraHeaders: { "X-Ok": "a\r\nInjected: 1" } }, /one line/],
      [{ provider: "c", adapter: "anthropic", secretKey: "k", config: { region: "x" } }, /config is not supported/],
      [{ provider: "s", adapter: "openai" }, /secretKey/],
    ];
    for (const [body, message] of cases) {
      const res = await put(basic, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body), JSON.stringify(body)).toMatch(message);
    }
    const notJson = await call(collection.PUT, basic, { method: "PUT", rawBody: "{nope" });
    expect(notJson.status).toBe(400);
    expect(await prisma.llmConnection.count({ where: { projectId: project.id } })).toBe(0);
    expect((await call(collection.GET, "Basic bm9wZTpub3Bl", { method: "GET" })).status).toBe(401);
  });
});
