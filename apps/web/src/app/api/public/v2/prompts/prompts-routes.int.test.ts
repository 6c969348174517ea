import { closePromptCache } from "@loupe/server";
import { createProjectWithKeys } from "@loupe/server/testing";
import { closeQueues } from "@loupe/jobs";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import * as promptRoute from "./[promptName]/route";
import * as versionRoute from "./[promptName]/versions/[version]/route";
import * as promptsRoute from "./route";

afterAll(async () => {
  closePromptCache();
  await closeQueues();
});

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(
  handler: Handler,
  auth: string,
  url: string,
  params: Record<string, string> = {},
  init: { method?: string; body?: unknown } = {},
) {
  const req = new NextRequest(`http://loupe.test${url}`, {
    method: init.method ?? "GET",
    headers: { authorization: auth, "content-type": "application/json" },
    ...(init.body !== undefined ? { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) } : {}),
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe("prompt routes (Langfuse wire shapes)", () => {
  it("creates with 201, fetches by name, patches labels and deletes with 204", async () => {
    const { basic } = await createProjectWithKeys();
    const created = await call(
      promptsRoute.POST,
      basic,
      "/api/public/v2/prompts",
      {},
      { method: "POST", body: { name: "f/g", prompt: "hi", labels: ["production"] } },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "f/g", version: 1, type: "text", labels: ["latest", "production"] });
    const got = await call(promptRoute.GET, basic, "/api/public/v2/prompts/f%2Fg", { promptName: "f/g" });
    expect(got).toMatchObject({ status: 200, body: { id: created.body.id, prompt: "hi" } });
    const patched = await call(
      versionRoute.PATCH,
      basic,
      "/api/public/v2/prompts/f%2Fg/versions/1",
      { promptName: "f/g", version: "1" },
      { method: "PATCH", body: { newLabels: ["staging"] } },
    );
    expect(patched.body.labels).toEqual(["latest", "production", "staging"]);
    expect(
      (await call(promptRoute.DELETE, basic, "/api/public/v2/prompts/f%2Fg", { promptName: "f/g" }, { method: "DELETE" })).status,
    ).toBe(204);
    expect(await call(promptRoute.GET, basic, "/api/public/v2/prompts/f%2Fg", { promptName: "f/g" })).toEqual({
      status: 404,
      body: { message: "Prompt not found: 'f/g' with label 'production'", error: "LangfuseNotFoundError" },
    });
  });

  it("answers bad input with 400 naming the field, and public-key-only auth with 403", async () => {
    const { basic, bearer } = await createProjectWithKeys();
    const bad = await call(
      promptsRoute.POST,
      basic,
      "/api/public/v2/prompts",
      {},
      { method: "POST", body: { name: "x", type: "chat", prompt: [{ role: "user" }] } },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe("Invalid request data");
    expect(bad.body.error[0].path).toEqual(["prompt", 0]);
    expect((await call(promptsRoute.POST, basic, "/api/public/v2/prompts", {}, { method: "POST", body: "{not json" })).status).toBe(400);
    const both = await call(promptRoute.GET, basic, "/api/public/v2/prompts/x?version=1&label=production", { promptName: "x" });
    expect(both.status).toBe(400);
    expect(both.body.error[0].message).toBe("give either version or label, not both");
    expect((await call(promptRoute.GET, basic, "/api/public/v2/prompts/x?version=abc", { promptName: "x" })).status).toBe(400);
    expect((await call(promptsRoute.GET, bearer, "/api/public/v2/prompts")).status).toBe(403);
  });
});
