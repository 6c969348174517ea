import type { TPlaygroundEvent } from "@loupe/contracts";
import { ZUpsertLlmConnectionBody } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { type FakeLlmServer, startFakeAnthropic, startFakeOpenAI } from "@loupe/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import { createLlmConnection, llmClientForConnection, listPlaygroundConnections, updateLlmConnection } from "./connections.ts";
import { startPlaygroundRun } from "./playground.ts";

let openai: FakeLlmServer;
let anthropic: FakeLlmServer;
beforeAll(async () => {
  [openai, anthropic] = await Promise.all([startFakeOpenAI(), startFakeAnthropic()]);
});
afterAll(async () => {
  await Promise.all([openai.close(), anthropic.close()]);
});

async function drain(events: AsyncIterable<TPlaygroundEvent>): Promise<TPlaygroundEvent[]> {
  const out: TPlaygroundEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

const connection = (over: Record<string, unknown>) =>
  ZUpsertLlmConnectionBody.parse({ provider: "fake", adapter: "openai", secretKey: "test-key", ...over });

describe("playground runs through a stored connection", () => {
  it("streams the answer, then tokens, the built-in price and latency", async () => {
    const { project } = await createProjectWithKeys();
    const conn = await createLlmConnection(project.id, connection({ baseURL: openai.url }), TEST_AUDIT);
    const events = await drain(
      await startPlaygroundRun(project.id, {
        connectionId: conn.id,
        call: { model: "gpt-4o-mini", messages: [{ role: "user", content: "price me" }], params: { temperature: 0 } },
      }),
    );
    expect(
      events
        .filter((e) => e.type === "text")
        .map((e) => (e.type === "text" ? e.delta : ""))
        .join(""),
    ).toBe("Echo: price me");
    const done = events.at(-1);
    if (done?.type !== "done") throw new Error(`expected done, got ${JSON.stringify(done)}`);
    const { input, output } = done.result.usage;
    // gpt-4o-mini: $0.15 / 1M input, $0.60 / 1M output (built-in table).
    expect(done.cost).toBeCloseTo(input * 0.15e-6 + output * 0.6e-6, 12);
    expect(done.latencyMs).toBeGreaterThanOrEqual(0);
    expect(done.timeToFirstTokenMs).not.toBeNull();
    expect(openai.requests.at(-1)?.headers.authorization).toBe("Bearer test-key");
  });

  it("turns provider failures into error events with clear messages", async () => {
    const { project } = await createProjectWithKeys();
    const conn = await createLlmConnection(
      project.id,
      connection({ provider: "claude", adapter: "anthropic", baseURL: anthropic.url }),
      TEST_AUDIT,
    );
    anthropic.fail({ kind: "status", status: 429, retryAfterSeconds: 20 });
    const call = { model: "claude-3-5-haiku-latest", messages: [{ role: "user" as const, content: "hi" }], params: {} };
    const limited = await drain(await startPlaygroundRun(project.id, { connectionId: conn.id, call }));
    expect(limited).toEqual([
      {
        type: "error",
        error: {
          kind: "rate_limited",
          status: 429,
          retryAfterSeconds: 20,
          message: "Rate limited by the provider (429): Rate limit reached for requests. Retry after 20 s.",
        },
      },
    ]);
    const unknown = await drain(
      await startPlaygroundRun(project.id, { connectionId: conn.id, call: { ...call, model: "claude-unknown" } }),
    );
    expect(unknown[0]).toMatchObject({ type: "error", error: { kind: "unknown_model" } });
    const ok = await drain(await startPlaygroundRun(project.id, { connectionId: conn.id, call }));
    expect(ok.at(-1)).toMatchObject({ type: "done", result: { text: "Echo: hi" } });
  });

  it("answers 404 for another project's connection before any stream", async () => {
    const { project } = await createProjectWithKeys();
    const other = await createProjectWithKeys();
    const conn = await createLlmConnection(project.id, connection({ baseURL: openai.url }), TEST_AUDIT);
    await expect(
      startPlaygroundRun(other.project.id, {
        connectionId: conn.id,
        call: { model: "gpt-4o", messages: [{ role: "user", content: "x" }], params: {} },
      }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("connection edits", () => {
  it("keeps the stored key and headers when the edit leaves them out, lists models, refuses a taken name", async () => {
    const { project } = await createProjectWithKeys();
    const conn = await createLlmConnection(
      project.id,
      connection({ baseURL: openai.url, extraHeaders: { "x-team": "a" }, customModels: ["ft-1"] }),
      TEST_AUDIT,
    );
    await createLlmConnection(project.id, connection({ provider: "second", baseURL: openai.url }), TEST_AUDIT);
    await expect(createLlmConnection(project.id, connection({ baseURL: openai.url }), TEST_AUDIT)).rejects.toMatchObject({ status: 409 });

    const edited = await updateLlmConnection(
      project.id,
      conn.id,
      {
        ...connection({ baseURL: openai.url, provider: "renamed", withDefaultModels: false }),
        secretKey: "",
      },
      TEST_AUDIT,
    );
    expect(edited).toMatchObject({
      provider: "renamed",
      displaySecretKey: conn.displaySecretKey,
      extraHeaderKeys: ["x-team"],
      customModels: [],
    });
    const { client } = await llmClientForConnection(project.id, conn.id);
    expect((await client.complete({ model: "gpt-4o", messages: [{ role: "user", content: "still works" }], params: {} })).text).toBe(
      "Echo: still works",
    );
    expect(openai.requests.at(-1)?.headers["x-team"]).toBe("a");
    await expect(
      updateLlmConnection(project.id, conn.id, { ...connection({ provider: "second" }), secretKey: "" }, TEST_AUDIT),
    ).rejects.toMatchObject({
      status: 409,
    });

    const listed = await listPlaygroundConnections(project.id);
    expect(listed.find((c) => c.id === conn.id)?.models).toEqual([]);
    expect(listed.find((c) => c.provider === "second")?.models).toContain("gpt-4o-mini");

    // A ciphertext moved into another project's row does not open there (the project id is authenticated).
    const other = await createProjectWithKeys();
    const stolen = await createLlmConnection(other.project.id, connection({ baseURL: openai.url }), TEST_AUDIT);
    const source = await prisma.llmConnection.findUniqueOrThrow({ where: { id: conn.id } });
    await prisma.llmConnection.update({ where: { id: stolen.id }, data: { secretKey: source.secretKey } });
    await expect(llmClientForConnection(other.project.id, stolen.id)).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/cannot be decrypted/),
    });
  });
});
