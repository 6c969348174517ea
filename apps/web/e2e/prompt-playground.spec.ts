import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { type FakeLlmServer, startFakeOpenAI } from "../../../packages/testing/src/index";
import { basicAuth, createProjectUser, e2eDatabase, fromLoupePage, projectIdOf, shotsAllThemesAndWidths, signIn } from "./helpers";

// A person opens a prompt version in the playground, runs it against the loopback OpenAI fake, saves
// the result as a new version and finds it on the prompt page; a traced generation that used the
// prompt links to its version, whose page lists the generation and its metrics; an admin edits the
// protected labels, a viewer only reads them.

const KEY = "sk-loopback-prompt-play-9876";
let fake: FakeLlmServer;
const db = e2eDatabase();
const PROJECT = `(SELECT "id" FROM "Project" WHERE "name" = 'E2E Project')`;

test.beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY, models: ["gpt-4o-mini", "gpt-4o"] });
  // The playground starts on the project's first connection: make it the fake.
  await db.query(`DELETE FROM "LlmConnection" WHERE "projectId" IN ${PROJECT}`);
});
test.afterAll(async () => {
  await db.query(`DELETE FROM "LlmConnection" WHERE "projectId" IN ${PROJECT}`);
  await db.query(`UPDATE "Project" SET "protectedPromptLabels" = '{production}' WHERE "id" IN ${PROJECT}`);
  await fake.close();
  await db.end();
});

test("open a prompt version in the playground, run it, save a new version; its generations link both ways", async ({ page, request }) => {
  const name = `support/reply-${randomUUID().slice(0, 6)}`;
  const created = await request.post("/api/public/v2/prompts", {
    headers: { authorization: basicAuth() },
    data: {
      name,
      type: "chat",
      prompt: [
        { role: "system", content: "You answer {{customer}} kindly." },
        { type: "placeholder", name: "history" },
        { role: "user", content: "Where is my order, {{customer}}?" },
      ],
      config: { model: "gpt-4o", temperature: 0.4, max_tokens: 256 },
      labels: ["production"],
      commitMessage: "first draft",
    },
  });
  expect(created.status()).toBe(201);
  const connection = await request.put("/api/public/llm-connections", {
    headers: { authorization: basicAuth() },
    data: { provider: "loopback-prompts", adapter: "openai", secretKey: KEY, baseURL: fake.url },
  });
  expect(connection.ok()).toBe(true);

  // A generation that used v1, as the SDKs send it.
  const traceId = randomUUID();
  const generationId = randomUUID();
  const start = Date.now() - 4000;
  const ingested = await request.post("/api/public/ingestion", {
    headers: { authorization: basicAuth() },
    data: {
      batch: [
        { id: randomUUID(), type: "trace-create", timestamp: new Date(start).toISOString(), body: { id: traceId, name: "reply" } },
        {
          id: randomUUID(),
          type: "generation-create",
          timestamp: new Date(start).toISOString(),
          body: {
            id: generationId,
            traceId,
            name: "draft-reply",
            model: "gpt-4o",
            startTime: new Date(start).toISOString(),
            endTime: new Date(start + 1200).toISOString(),
            usageDetails: { input: 120, output: 30 },
            promptName: name,
            promptVersion: 1,
          },
        },
      ],
    },
  });
  expect(ingested.status()).toBe(207);

  await signIn(page);
  const projectId = projectIdOf(page);
  const promptUrl = `/project/${projectId}/prompts/${name.split("/").map(encodeURIComponent).join("/")}`;

  // The trace view names the prompt version and links to it.
  await expect(async () => {
    await page.goto(`/project/${projectId}/traces/${traceId}?observation=${generationId}`);
    await expect(page.getByTestId("observation-prompt-link")).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByTestId("observation-prompt-link")).toHaveText(`${name} v1`);
  await shotsAllThemesAndWidths(page, "trace-prompt-link");
  await page.getByTestId("observation-prompt-link").click();
  await expect(page).toHaveURL(`${promptUrl}?version=1`);
  await expect(page.getByTestId("prompt-title")).toHaveText(name.split("/")[1] as string);

  // The version's generations and metrics.
  await page.getByRole("tab", { name: "generations" }).click();
  const generations = page.getByTestId("version-generations");
  await expect(generations).toContainText("draft-reply");
  await expect(page.getByTestId("version-metrics-1")).toContainText("Generations1");
  await expect(page.getByTestId("version-metrics-1")).toContainText("Latency p501.20 s");
  await shotsAllThemesAndWidths(page, "prompt-generations");
  await generations.getByRole("link", { name: "draft-reply" }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${traceId}\\?observation=${generationId}`));

  // Open v1 in the playground: messages, placeholder, variables, model and parameters.
  await page.goto(`${promptUrl}?version=1`);
  await page.getByTestId("open-in-playground").click();
  await expect(page).toHaveURL(/\/playground\?prompt=/);
  await expect(page.getByTestId("playground-from-prompt")).toHaveText(`Opened from ${name} v1`);
  await expect(page.getByLabel("Content of message 1 (system)")).toHaveValue("You answer {{customer}} kindly.");
  await expect(page.getByLabel("Placeholder name of message 2")).toHaveValue("history");
  await expect(page.getByLabel("Content of message 3 (user)")).toHaveValue("Where is my order, {{customer}}?");
  const a = page.getByRole("region", { name: "Column A" });
  await expect(a.getByLabel("Model (Column A)")).toHaveValue("gpt-4o");
  await expect(a.getByLabel("Temperature (Column A)")).toHaveValue("0.4");
  await expect(a.getByLabel("Max tokens (Column A)")).toHaveValue("256");
  await expect(page.getByLabel("Placeholder history")).toBeVisible();
  await page.getByLabel("Variable customer").fill("Ada");

  fake.reply({ text: "Your order ships tomorrow, Ada", chunkDelayMs: 250 });
  await a.getByRole("button", { name: "Run Column A" }).click();
  await expect(a.getByTestId("playground-output")).toContainText("Your order");
  await expect(a.getByTestId("playground-output")).toHaveText("Your order ships tomorrow, Ada");
  const sent = fake.requests.at(-1)?.body as { model: string; temperature: number; messages: { content: string }[] };
  expect(sent).toMatchObject({ model: "gpt-4o", temperature: 0.4 });
  expect(sent.messages.map((m) => m.content)).toEqual(["You answer Ada kindly.", "Where is my order, Ada?"]);
  await shotsAllThemesAndWidths(page, "playground-from-prompt");

  // Change the model and save as a new version of the same prompt.
  await a.getByLabel("Temperature (Column A)").fill("0.1");
  await page.getByTestId("save-as-prompt").click();
  const dialog = page.getByRole("dialog", { name: "Save as prompt version" });
  await expect(dialog.getByLabel("Prompt name")).toHaveValue(name);
  await dialog.getByLabel("Commit message").fill("cooler temperature from the playground");
  await shotsAllThemesAndWidths(page, "playground-save-dialog");
  await dialog.getByRole("button", { name: "Save version" }).click();
  await expect(dialog.getByTestId("save-prompt-done")).toContainText("version 2");
  await dialog.getByRole("link", { name: "Open the prompt page" }).click();
  await expect(page).toHaveURL(`${promptUrl}?version=2`);
  const v2 = page.getByTestId("version-item").first();
  await expect(v2).toContainText("v2");
  await expect(v2).toContainText("cooler temperature from the playground");
  await expect(v2).not.toContainText("production");
  await page.getByRole("tab", { name: "config" }).click();
  await expect(page.locator("pre", { hasText: '"temperature": 0.1' })).toBeVisible();

  // Compare v1 and v2: metrics side by side above the diff.
  await page.getByRole("tab", { name: "compare" }).click();
  await expect(page.getByTestId("version-metrics-1")).toContainText("Generations1");
  await expect(page.getByTestId("version-metrics-2")).toContainText("Generations0");
  await shotsAllThemesAndWidths(page, "prompt-compare-metrics");

  // The API stored the playground's messages unfilled, with the new config.
  const fetched = await request.get(`/api/public/v2/prompts/${encodeURIComponent(name)}?version=2`, {
    headers: { authorization: basicAuth() },
  });
  expect(await fetched.json()).toMatchObject({
    version: 2,
    type: "chat",
    prompt: [
      { role: "system", content: "You answer {{customer}} kindly." },
      { type: "placeholder", name: "history" },
      { role: "user", content: "Where is my order, {{customer}}?" },
    ],
    config: { model: "gpt-4o", temperature: 0.1, max_tokens: 256 },
    commitMessage: "cooler temperature from the playground",
  });
});

test("protected prompt labels: an admin edits them in settings, a viewer reads them", async ({ page, browser }) => {
  await signIn(page);
  const projectId = projectIdOf(page);
  await page.getByRole("link", { name: "Prompt releases" }).click();
  await expect(page).toHaveURL(`/project/${projectId}/settings/prompts`);
  const list = page.getByTestId("protected-labels");
  await expect(list).toContainText("production");
  await page.getByLabel("Label to protect").fill("Not Valid");
  await page.getByRole("button", { name: "Protect label" }).click();
  await expect(page.getByText(/a label is lowercase/)).toBeVisible();
  await page.getByLabel("Label to protect").fill("staging");
  await page.getByRole("button", { name: "Protect label" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(list).toContainText("staging");
  await shotsAllThemesAndWidths(page, "settings-prompt-labels");

  const viewer = await createProjectUser(db, "VIEWER");
  const context = await browser.newContext();
  const viewerPage = await context.newPage();
  await signIn(viewerPage, viewer);
  await viewerPage.goto(`/project/${projectId}/settings/prompts`);
  await expect(viewerPage.getByTestId("protected-labels")).toContainText("staging");
  await expect(viewerPage.getByTestId("prompt-settings-readonly")).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  const put = await viewerPage.request.put(`/api/internal/projects/${projectId}/settings/prompts`, {
    data: { protectedLabels: [] },
    headers: fromLoupePage,
  });
  expect(put.status()).toBe(403);
  expect((await put.json()).title).toMatch(/needs one of: OWNER, ADMIN/);
  await shotsAllThemesAndWidths(viewerPage, "settings-prompt-labels-viewer");
  await context.close();

  await page.getByRole("button", { name: "Unprotect staging" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(list).not.toContainText("staging");
});
