import { ZCreatePromptBody, ZGetPromptQuery } from "@loupe/contracts";
import { closeQueues } from "@loupe/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import { getPrompt } from "./get-prompt.ts";
import { closePromptCache } from "./prompt-cache.ts";
import { createPromptVersion, updatePromptLabels } from "./write-prompts.ts";

// With Redis unreachable, prompts still save and fetch (from Postgres): the cache costs speed, never
// correctness. A port nothing listens on stands in for a Redis outage.
const realRedisUrl = process.env.REDIS_URL;
beforeAll(() => {
  closePromptCache();
  process.env.REDIS_URL = "redis://127.0.0.1:1/0";
});
afterAll(async () => {
  closePromptCache();
  process.env.REDIS_URL = realRedisUrl;
  await closeQueues();
});

describe("prompt cache with Redis down", () => {
  it("writes and fetches through Postgres, and fetches see every release", async () => {
    const { project } = await createProjectWithKeys();
    const api = { kind: "apiKey" } as const;
    await createPromptVersion(
      project.id,
      api,
      ZCreatePromptBody.parse({ name: "offline", prompt: "one", labels: ["production"] }),
      TEST_AUDIT,
    );
    const started = Date.now();
    expect((await getPrompt(project.id, "offline", ZGetPromptQuery.parse({}))).prompt).toBe("one");
    expect(Date.now() - started).toBeLessThan(3000);
    await createPromptVersion(
      project.id,
      api,
      ZCreatePromptBody.parse({ name: "offline", prompt: "two", labels: ["production"] }),
      TEST_AUDIT,
    );
    expect((await getPrompt(project.id, "offline", ZGetPromptQuery.parse({}))).prompt).toBe("two");
    await updatePromptLabels(project.id, api, "offline", 1, ["production"], TEST_AUDIT);
    expect((await getPrompt(project.id, "offline", ZGetPromptQuery.parse({}))).version).toBe(1);
  });
});
