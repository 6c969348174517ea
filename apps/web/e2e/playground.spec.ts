import { expect, test } from "@playwright/test";
import { type FakeLlmServer, startFakeOpenAI } from "../../../packages/testing/src/index";
import { createProjectUser, e2eDatabase, fromLoupePage, projectIdOf, sendAgentTrace, shotsAllThemesAndWidths, signIn } from "./helpers";

// A person connects the loopback OpenAI-compatible fake in settings, runs the playground with a
// variable, watches the answer stream in with tokens and cost, compares two models, sees provider
// errors as messages, and opens a traced generation in the playground.

const KEY = "sk-loopback-e2e-key-4321";
let fake: FakeLlmServer;
const db = e2eDatabase();

test.beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY, models: ["gpt-4o-mini", "gpt-4o"] });
  // Reruns against a kept e2e database start without connections.
  await db.query(`DELETE FROM "LlmConnection" WHERE "projectId" IN (SELECT "id" FROM "Project" WHERE "name" = 'E2E Project')`);
});
test.afterAll(async () => {
  await fake.close();
  await db.end();
});

test("connect a loopback OpenAI server, stream a run with tokens and cost, compare two columns, see errors", async ({ page }) => {
  await signIn(page);
  const projectId = projectIdOf(page);

  await page.getByRole("link", { name: "Playground" }).click();
  await expect(page.getByTestId("playground-no-connections")).toContainText("Connect a model provider");
  await shotsAllThemesAndWidths(page, "playground-empty");

  await page.getByRole("link", { name: "Add an LLM connection" }).click();
  await expect(page).toHaveURL(`/project/${projectId}/settings/llm-connections`);
  await expect(page.getByText("No LLM connections yet")).toBeVisible();
  await shotsAllThemesAndWidths(page, "llm-connections-empty");

  await page.getByRole("button", { name: "Add connection" }).click();
  const form = page.getByRole("form", { name: "New LLM connection" });
  await form.getByLabel("Name").fill("loopback-openai");
  await form.getByLabel("API key").fill(KEY);
  await form.getByLabel("Base URL").fill("http://169.254.169.254/v1");
  await form.getByRole("button", { name: "Add connection" }).click();
  await expect(form.getByRole("alert")).toContainText("Invalid baseURL: 169.254.169.254 is a link-local, metadata or reserved address");
  await shotsAllThemesAndWidths(page, "llm-connections-form-error");
  await form.getByLabel("Base URL").fill(fake.url);
  await form.getByLabel("Extra headers").fill("X-Team: e2e");
  await form.getByRole("button", { name: "Add connection" }).click();
  const row = page.getByTestId("llm-connection-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("loopback-openai");
  await expect(row).toContainText("sk-…4321");
  await expect(page.getByText(KEY)).toHaveCount(0);
  await shotsAllThemesAndWidths(page, "llm-connections-full");

  await page.getByRole("link", { name: "Playground" }).click();
  const a = page.getByRole("region", { name: "Column A" });
  await expect(a.getByLabel("Connection (Column A)")).toHaveValue(/.+/);
  await expect(a.getByLabel("Model (Column A)")).toHaveValue("gpt-4o-mini");
  await page.getByLabel("Content of message 2 (user)").fill("Hello {{name}}, how are you today?");
  await page.getByLabel("Variable name").fill("Ada");
  await a.getByLabel("Temperature (Column A)").fill("0.3");

  // A slow stream, so the page shows the answer while it arrives.
  fake.reply({ text: "Streaming one word at a time for Ada", chunkDelayMs: 300 });
  await page.getByRole("button", { name: "Run all" }).click();
  await expect(a.getByRole("button", { name: "Stop" })).toBeVisible();
  await expect(a.getByTestId("playground-output")).toContainText("Streaming one");
  await expect(a.getByTestId("playground-output")).not.toContainText("for Ada");
  await expect(a.getByTestId("playground-output")).toHaveText("Streaming one word at a time for Ada");
  await expect(a.getByRole("button", { name: "Run Column A" })).toBeVisible();
  const sent = fake.requests.at(-1);
  expect(sent?.body).toMatchObject({ model: "gpt-4o-mini", stream: true, temperature: 0.3 });
  expect(JSON.stringify(sent?.body)).toContain("Hello Ada, how are you today?");
  expect(sent?.headers["x-team"]).toBe("e2e");
  await expect(a.getByTestId("playground-tokens")).toHaveText(/^\d[\d,]* → 9$/);
  await expect(a.getByTestId("playground-cost")).toHaveText(/^\$0\.0000\d+|^\$\d\.\de-\d$/);
  await expect(a.getByTestId("playground-latency")).toHaveText(/\d+(\.\d+)? (ms|s)/);

  // Compare: a second column with another model and temperature; both answer.
  await page.getByRole("button", { name: "Compare" }).click();
  const b = page.getByRole("region", { name: "Column B" });
  await b.getByLabel("Model (Column B)").fill("gpt-4o");
  await b.getByLabel("Temperature (Column B)").fill("0.9");
  const before = fake.requests.length;
  await page.getByRole("button", { name: "Run all" }).click();
  await expect(a.getByTestId("playground-output")).toHaveText("Echo: Hello Ada, how are you today?");
  await expect(b.getByTestId("playground-output")).toHaveText("Echo: Hello Ada, how are you today?");
  await expect(b.getByTestId("playground-cost")).toHaveText(/^\$/);
  const models = fake.requests.slice(before).map((r) => (r.body as { model: string; temperature: number }).model);
  expect(models.sort()).toEqual(["gpt-4o", "gpt-4o-mini"]);
  await shotsAllThemesAndWidths(page, "playground-full");

  // Errors are messages a person can act on, per column.
  fake.fail({ kind: "status", status: 429, retryAfterSeconds: 30 });
  await a.getByRole("button", { name: "Run Column A" }).click();
  await expect(a.getByTestId("playground-error")).toContainText("Rate limited");
  await expect(a.getByTestId("playground-error")).toContainText("Retry after 30 s.");
  await b.getByLabel("Model (Column B)").fill("gpt-9-preview");
  await b.getByRole("button", { name: "Run Column B" }).click();
  await expect(b.getByTestId("playground-error")).toContainText("Unknown model");
  await expect(b.getByTestId("playground-error")).toContainText('"gpt-9-preview"');
  await shotsAllThemesAndWidths(page, "playground-error");
  await b.getByLabel("Model (Column B)").fill("gpt-4o");
  await page.locator("summary", { hasText: "Tools" }).click();
  await page.getByRole("textbox", { name: "Tools" }).fill("[{ not json");
  await b.getByRole("button", { name: "Run Column B" }).click();
  await expect(b.getByTestId("playground-error")).toContainText("Tools is not valid JSON");
  fake.reset();
});

test("open a traced generation in the playground with its messages, model and parameters", async ({ page, request }) => {
  const { traceId, generationId } = await sendAgentTrace(request, { name: "open-in-playground" });
  await signIn(page);
  const projectId = projectIdOf(page);
  await expect(async () => {
    await page.goto(`/project/${projectId}/traces/${traceId}?observation=${generationId}`);
    await expect(page.getByRole("link", { name: "Open in playground" })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
  await page.getByRole("link", { name: "Open in playground" }).click();
  await expect(page).toHaveURL(/\/playground\?trace=/);
  await expect(page.getByLabel("Content of message 1 (user)")).toHaveValue("Where is my order?");
  const a = page.getByRole("region", { name: "Column A" });
  await expect(a.getByLabel("Model (Column A)")).toHaveValue("gpt-4o");
  await expect(a.getByLabel("Temperature (Column A)")).toHaveValue("0.2");
  await a.getByRole("button", { name: "Run Column A" }).click();
  await expect(a.getByTestId("playground-output")).toHaveText("Echo: Where is my order?");
});

test("a member lists masked connections and runs them but cannot manage them; an admin deletes one", async ({ page, browser }) => {
  // A MEMBER of the e2e project: may list (masked) and use connections, not manage them.
  const member = await createProjectUser(db, "MEMBER");
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, member);
  const projectId = projectIdOf(memberPage);
  await memberPage.goto(`/project/${projectId}/settings/llm-connections`);
  const row = memberPage.getByTestId("llm-connection-row");
  await expect(row).toContainText("sk-…4321");
  await expect(memberPage.getByRole("button", { name: "Add connection" })).toHaveCount(0);
  await expect(memberPage.getByRole("button", { name: /^(Edit|Delete) / })).toHaveCount(0);
  const api = `/api/internal/projects/${projectId}/llm-connections`;
  const listed = await memberPage.request.get(api);
  expect(listed.status()).toBe(200);
  const [connection] = await listed.json();
  expect(JSON.stringify(connection)).not.toContain(KEY);
  const create = await memberPage.request.post(api, {
    data: { provider: "sneaky", adapter: "openai", secretKey: "k" },
    headers: fromLoupePage,
  });
  expect(create.status()).toBe(403);
  expect((await create.json()).title).toMatch(/needs one of: OWNER, ADMIN/);
  const removed = await memberPage.request.delete(`${api}/${connection.id}`, { headers: fromLoupePage });
  expect(removed.status()).toBe(403);
  expect((await removed.json()).title).toMatch(/needs one of: OWNER, ADMIN/);
  await memberPage.goto(`/project/${projectId}/playground`);
  const a = memberPage.getByRole("region", { name: "Column A" });
  await memberPage.getByLabel("Content of message 2 (user)").fill("member run");
  await a.getByRole("button", { name: "Run Column A" }).click();
  await expect(a.getByTestId("playground-output")).toHaveText("Echo: member run");
  await memberContext.close();

  await signIn(page);
  await page.goto(`/project/${projectId}/settings/llm-connections`);
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Delete loopback-openai" }).click();
  await expect(page.getByText("No LLM connections yet")).toBeVisible();
});
