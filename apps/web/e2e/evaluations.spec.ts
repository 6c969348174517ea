import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { type FakeLlmServer, startFakeOpenAI } from "../../../packages/testing/src/index";
import { basicAuth, e2eDatabase, projectIdOf, sendAgentTrace, shotsAllThemesAndWidths, signIn } from "./helpers";

// A person starts an evaluator from the library with a loopback judge, writes a rule with the traces
// table's filter and a JSONPath mapping previewed on a real trace, and watches newly ingested traces
// get scored by the worker: the execution log fills with the judge's reasoning and the scores appear
// in the trace view.

const KEY = "sk-judge-e2e-key";
let judge: FakeLlmServer;
const db = e2eDatabase();

test.beforeAll(async () => {
  judge = await startFakeOpenAI({ apiKey: KEY, models: ["gpt-4o-mini"] });
  // Reruns against a kept e2e database start without evaluators and rules.
  for (const table of ["EvaluationExecution", "EvaluationRule", "EvaluatorTemplate"])
    await db.query(`DELETE FROM "${table}" WHERE "projectId" IN (SELECT "id" FROM "Project" WHERE "name" = 'E2E Project')`);
});
test.afterAll(async () => {
  await judge.close();
  await db.end();
});

test("an online rule scores newly ingested traces through the loopback judge; scores show in the trace view", async ({ page, request }) => {
  test.setTimeout(120_000);
  const run = randomUUID().slice(0, 8);
  const name = `eval-chat-${run}`;
  const connection = await request.put("/api/public/llm-connections", {
    headers: { authorization: basicAuth() },
    data: { provider: `judge-${run}`, adapter: "openai", secretKey: KEY, baseURL: judge.url },
  });
  expect(connection.ok()).toBe(true);
  // A real recent trace for the mapping preview (the rule only scores data that arrives after it).
  await sendAgentTrace(request, { name, input: { question: "Preview question?" }, output: { answer: "Preview answer." } });

  await signIn(page);
  const projectId = projectIdOf(page);
  await page.getByRole("link", { name: "Evaluators" }).click();
  await expect(page.getByText("No evaluators yet")).toBeVisible();
  await expect(page.getByTestId("library-template")).toHaveCount(9);
  await shotsAllThemesAndWidths(page, "evaluators-empty");

  await page.getByTestId("library-template").filter({ hasText: "Answer relevance" }).getByRole("button", { name: "Use" }).click();
  await expect(page.getByLabel("Judge prompt")).toHaveValue(/\{\{input\}\}/);
  await page.getByLabel("{{input}}").fill("What is Loupe?");
  await expect(page.getByTestId("prompt-preview")).toContainText("Question:\nWhat is Loupe?");
  await page.getByLabel("Judge connection").selectOption({ label: `judge-${run}` });
  await page.getByLabel("Judge model").selectOption("gpt-4o-mini");
  await shotsAllThemesAndWidths(page, "evaluator-editor");
  await page.getByRole("button", { name: "Create evaluator" }).click();
  await expect(page.getByTestId("evaluator-row")).toContainText("Answer relevance");
  await shotsAllThemesAndWidths(page, "evaluators-full");

  await page.getByRole("link", { name: "Evaluation rules" }).click();
  await expect(page.getByText("No evaluation rules yet")).toBeVisible();
  await shotsAllThemesAndWidths(page, "evaluation-rules-empty");
  await page.getByRole("button", { name: "New rule" }).click();
  await page.getByLabel("Name", { exact: true }).first().fill(`relevance ${run}`);
  await page.getByLabel("Evaluator").selectOption({ label: "Answer relevance (v1)" });
  await page.getByRole("button", { name: "Filters" }).click();
  const nameFilter = page.getByTestId("filter-panel").getByLabel("Name", { exact: true });
  await nameFilter.fill(name);
  await nameFilter.press("Enter");
  await page.getByLabel("input JSONPath").fill("$.question");
  await page.getByLabel("output JSONPath").fill("$.nope");
  await expect(page.getByTestId("preview-input")).toContainText("Preview question?");
  await expect(page.getByTestId("preview-output")).toContainText("JSONPath $.nope matches nothing in the trace's output");
  await page.getByLabel("output JSONPath").fill("$.answer");
  await expect(page.getByTestId("preview-output")).toContainText("Preview answer.");
  await shotsAllThemesAndWidths(page, "evaluation-rule-editor");
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page.getByText("Nothing evaluated yet")).toBeVisible();
  await shotsAllThemesAndWidths(page, "evaluation-rule-empty");

  judge.reply(
    { json: { reasoning: "It answers exactly what was asked.", score: 0.8 }, usage: { input: 90, output: 12 } },
    { json: { reasoning: "It answers exactly what was asked.", score: 0.8 }, usage: { input: 90, output: 12 } },
  );
  const scored = await sendAgentTrace(request, {
    name,
    input: { question: "Where is my order?" },
    output: { answer: "It ships tomorrow." },
  });
  await sendAgentTrace(request, { name, input: { question: "Can I return it?" }, output: { answer: "Within 30 days." } });
  await sendAgentTrace(request, { name: `not-evaluated-${run}` });

  const rows = page.getByTestId("execution-row");
  await expect(rows).toHaveCount(2, { timeout: 30_000 });
  await expect(rows.filter({ hasText: "done" })).toHaveCount(2, { timeout: 30_000 });
  await expect(rows.first().getByTestId("execution-text")).toHaveText("It answers exactly what was asked.");
  await expect(page.getByTestId("score-chart")).toBeVisible();
  expect(judge.requests.map((r) => JSON.stringify(r.body)).join()).toContain("Where is my order?");
  await shotsAllThemesAndWidths(page, "evaluation-rule-full");

  await page.goto(`/project/${projectId}/traces/${scored.traceId}`);
  const score = page.getByTestId("score-row").filter({ hasText: "Answer relevance" });
  await expect(score).toContainText("0.8");
  await expect(score).toContainText("eval");
  await expect(score.getByTestId("score-comment")).toHaveText("It answers exactly what was asked.");
  await shotsAllThemesAndWidths(page, "trace-eval-score");

  await page.goto(`/project/${projectId}/evaluation-rules`);
  await expect(page.getByTestId("rule-row")).toContainText("active");
  await shotsAllThemesAndWidths(page, "evaluation-rules-full");
});
