import { randomUUID } from "node:crypto";
import { LangfuseClient } from "@langfuse/client";
import { LangfuseSpanProcessor } from "@langfuse/otel";
import { setLangfuseTracerProvider } from "@langfuse/tracing";
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { type FakeLlmServer, startFakeOpenAI } from "../../../packages/testing/src/index";
import { E2E_BASE_URL, E2E_KEYS } from "../playwright.config";
import { basicAuth, shot, shotsAllThemesAndWidths, signIn } from "./helpers";

// Experiments from the UI: a person runs a prompt version over a small dataset through a loopback
// model with an evaluator (a loopback judge); the worker runs each item, progress shows live with the
// failed item's reason, and the compare view shows the run next to one the SDK's experiment runner
// made. Then the person edits an item (JSON validated in place) and cancels a hanging experiment.

const KEY = "sk-experiments-e2e";
let model: FakeLlmServer;
let judge: FakeLlmServer;

test.beforeAll(async () => {
  [model, judge] = await Promise.all([startFakeOpenAI({ apiKey: KEY }), startFakeOpenAI({ apiKey: KEY })]);
});
test.afterAll(async () => {
  await Promise.all([model.close(), judge.close()]);
});

const headers = { authorization: basicAuth(), "content-type": "application/json" };

async function post(request: APIRequestContext, path: string, data: unknown, method: "POST" | "PUT" = "POST") {
  const res = await request.fetch(`/api/public/${path}`, { method, headers, data });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return res.json();
}

async function seed(request: APIRequestContext, run: string, options: { withBadItem: boolean }) {
  await post(request, "llm-connections", { provider: `models-${run}`, adapter: "openai", secretKey: KEY, baseURL: model.url }, "PUT");
  await post(request, "llm-connections", { provider: `judge-${run}`, adapter: "openai", secretKey: KEY, baseURL: judge.url }, "PUT");
  await post(request, "v2/prompts", { name: `capital-${run}`, type: "text", prompt: "Capital of {{country}}?", labels: ["production"] });
  await post(request, "v2/prompts", {
    name: `city-${run}`,
    type: "text",
    prompt: "Tell me about {{city}} in {{season}}",
    labels: ["production"],
  });
  await post(request, "unstable/evaluators", {
    name: `exact-${run}`,
    prompt: "Answer: {{output}}\nExpected: {{expected_output}}",
    outputDefinition: {
      dataType: "NUMERIC",
      reasoning: { description: "why" },
      score: { description: "1 if right", minValue: 0, maxValue: 1 },
    },
    modelConfig: { provider: `judge-${run}`, model: "gpt-4o-mini" },
  });
  const name = `experiments-${run}`;
  await post(request, "v2/datasets", { name, description: "capital cities" });
  const items = [
    { id: `${run}-fr`, input: { country: "France" }, expectedOutput: "Paris" },
    { id: `${run}-jp`, input: { country: "Japan" }, expectedOutput: "Tokyo" },
    ...(options.withBadItem ? [{ id: `${run}-oslo`, input: { city: "Oslo" }, expectedOutput: "Oslo" }] : []),
  ];
  for (const item of items) await post(request, "dataset-items", { datasetName: name, ...item });
  return { name, items };
}

/** The SDK-made run: @langfuse/client's experiment runner with a lookup-table task. */
async function sdkRun(name: string, runName: string) {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const provider = new BasicTracerProvider({
    spanProcessors: [new LangfuseSpanProcessor({ ...E2E_KEYS, baseUrl: E2E_BASE_URL, exportMode: "immediate" })],
  });
  setLangfuseTracerProvider(provider);
  const lf = new LangfuseClient({ ...E2E_KEYS, baseUrl: E2E_BASE_URL });
  const dataset = await lf.dataset.get(name);
  const capitals: Record<string, string> = { France: "Paris", Japan: "Tokyo" };
  await dataset.runExperiment({
    name: "lookup",
    runName,
    task: async (item) => capitals[(item.input as { country?: string }).country ?? ""] ?? "unknown",
    evaluators: [async ({ output, expectedOutput }) => ({ name: "sdk_match", value: output === expectedOutput ? 1 : 0 })],
  });
  await provider.forceFlush();
  await provider.shutdown();
}

async function openDataset(page: Page, name: string) {
  const projectUrl = page.url().replace(/\/traces.*$/, "");
  await page.goto(`${projectUrl}/datasets`);
  // A dataset outside any folder is a link in the folder table (folders are buttons).
  await page.getByRole("link", { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
}

test("a UI experiment runs on the worker, shows live progress, and compares with an SDK run", async ({ page, request }) => {
  test.setTimeout(180_000);
  const run = randomUUID().slice(0, 8);
  const { name } = await seed(request, run, { withBadItem: true });
  const sdkRunName = `sdk-${run}`;
  await sdkRun(name, sdkRunName);
  model.reset();
  judge.reset();
  judge.reply(...Array.from({ length: 4 }, () => ({ json: { reasoning: "Same city.", score: 1 } })));

  await signIn(page);
  await openDataset(page, name);
  await page.getByRole("button", { name: "Run experiment" }).click();
  const dialog = page.getByRole("dialog", { name: "Run experiment" });
  await dialog.getByLabel("Run name").fill(`ui-${run}`);
  // A prompt no item can fill is refused before anything starts.
  await dialog.getByLabel("Prompt name").selectOption(`city-${run}`);
  await expect(dialog.getByTestId("experiment-variables")).toContainText("{{city}}");
  await dialog.getByLabel("Connection 1").selectOption({ label: `models-${run}` });
  await dialog.getByLabel("Model 1").fill("gpt-4o-mini");
  await dialog.getByRole("button", { name: "Start experiment" }).click();
  await expect(dialog.getByRole("alert")).toContainText('No item of this dataset can fill the prompt "');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: shot("run-experiment-error-light-1440") });

  await dialog.getByLabel("Prompt name").selectOption(`capital-${run}`);
  await expect(dialog.getByTestId("experiment-variables")).toContainText("{{country}}");
  await dialog.getByLabel("Temperature 1").fill("0.2");
  await dialog.getByLabel("Max tokens 1").fill("64");
  await dialog
    .getByTestId("experiment-evaluator")
    .filter({ hasText: `exact-${run}` })
    .getByRole("checkbox")
    .check();
  await expect(dialog.getByLabel(`exact-${run} expected_output from`)).toHaveValue("expectedOutput");
  await expect(dialog.getByLabel(`exact-${run} output from`)).toHaveValue("output");
  await shotsAllThemesAndWidths(page, "run-experiment-dialog");
  await dialog.getByRole("button", { name: "Start experiment" }).click();
  await expect(dialog).toBeHidden();

  // Progress, polled while the worker runs the items; the item without a country fails with the reason.
  const experiment = page.getByTestId("experiment").filter({ hasText: `ui-${run}` });
  await expect(experiment.getByTestId("experiment-progress")).toHaveText("2 done · 1 failed · 3 total", { timeout: 60_000 });
  await expect(experiment).toContainText("done");
  await experiment.getByRole("button", { name: new RegExp(`ui-${run}`) }).click();
  await expect(experiment.getByTestId("experiment-item-error")).toContainText(
    "The item's input has no value for {{country}} (it has city)",
  );
  await shotsAllThemesAndWidths(page, "dataset-experiments");
  expect(model.requests).toHaveLength(2);
  expect(model.requests[0]?.body).toMatchObject({ model: "gpt-4o-mini", temperature: 0.2, max_tokens: 64 });

  // The compare view: the UI run next to the SDK run, per item, with both runs' scores.
  await page.getByRole("checkbox", { name: `Compare ui-${run}` }).check();
  await page.getByRole("checkbox", { name: `Compare ${sdkRunName}` }).check();
  await page.getByRole("link", { name: "Compare 2 runs" }).click();
  await expect(page.getByTestId("compared-run")).toHaveCount(2);
  const france = page.getByTestId("compared-item").filter({ hasText: "France" });
  await expect(france).toContainText("Echo: Capital of France?", { timeout: 30_000 });
  await expect(france).toContainText("Paris");
  await expect(france.getByTestId("compared-score").filter({ hasText: `exact-${run}: 1` })).toBeVisible({ timeout: 30_000 });
  await expect(france.getByTestId("compared-score").filter({ hasText: "sdk_match: 1" })).toBeVisible();
  // The item the UI run failed on says why, instead of "not in this run".
  const oslo = page.getByTestId("compared-item").filter({ hasText: "Oslo" });
  await expect(oslo.getByTestId("compared-failure")).toContainText("has no value for {{country}}");
  await shotsAllThemesAndWidths(page, "compare-ui-and-sdk-runs");
});

test("edit an item: JSON checked in place, each save a new version, archive; cancel a running experiment", async ({ page, request }) => {
  test.setTimeout(120_000);
  const run = randomUUID().slice(0, 8);
  const { name, items } = await seed(request, run, { withBadItem: false });
  await signIn(page);
  await openDataset(page, name);

  await page.getByRole("button", { name: `Edit item ${items[0]?.id}` }).click();
  const dialog = page.getByRole("dialog", { name: "Edit item" });
  const input = dialog.getByLabel("Input (JSON)");
  await expect(input).toHaveValue(/"country": "France"/);
  await input.fill('{"country": France}');
  await expect(dialog.getByText(/Not valid JSON/)).toBeVisible();
  await shotsAllThemesAndWidths(page, "edit-item-invalid");
  await input.fill('{"country": "France", "language": "fr"}');
  await dialog.getByLabel("Expected output (JSON)").fill('"Paris, France"');
  await dialog.getByRole("button", { name: "Save as new version" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Saved as version 2.");
  await dialog.getByLabel("Status").selectOption("ARCHIVED");
  await dialog.getByRole("button", { name: "Save as new version" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Saved as version 3.");
  await shotsAllThemesAndWidths(page, "edit-item-saved");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  const row = page.getByTestId("dataset-item-row").filter({ hasText: items[0]?.id ?? "" });
  await expect(row).toContainText("archived");
  await expect(row).toContainText('"language":"fr"');
  const saved = await request.get(`/api/public/dataset-items/${encodeURIComponent(items[0]?.id ?? "")}`, { headers });
  expect(await saved.json()).toMatchObject({
    status: "ARCHIVED",
    input: { country: "France", language: "fr" },
    expectedOutput: "Paris, France",
  });

  // A model that does not answer: the experiment stays running until it is cancelled.
  model.reset();
  model.fail({ kind: "hang" }, 5);
  await page.getByRole("button", { name: "Run experiment" }).click();
  const start = page.getByRole("dialog", { name: "Run experiment" });
  await start.getByLabel("Run name").fill(`hang-${run}`);
  await start.getByLabel("Prompt name").selectOption(`capital-${run}`);
  await start.getByLabel("Connection 1").selectOption({ label: `models-${run}` });
  await start.getByLabel("Model 1").fill("gpt-4o-mini");
  await start.getByRole("button", { name: "Start experiment" }).click();
  const experiment = page.getByTestId("experiment").filter({ hasText: `hang-${run}` });
  await expect(experiment).toContainText("running");
  await experiment.getByRole("button", { name: "Cancel" }).click();
  await expect(experiment).toContainText("cancelled");
  // The archived item is not run: one item, cancelled before the model answered.
  await expect(experiment.getByTestId("experiment-progress")).toHaveText("0 done · 0 failed · 1 total");
  await expect(experiment.getByRole("button", { name: "Cancel" })).toBeHidden();
  await page.screenshot({ path: shot("dataset-experiment-cancelled-light-1440"), fullPage: true });

  // The dialog in a project without prompts teaches where to make one; an item that cannot load offers a retry.
  const prompts = /\/api\/internal\/projects\/[^/]+\/prompts(\?.*)?$/;
  await page.route(prompts, (route) => route.fulfill({ json: { data: [], meta: { page: 1, limit: 50, totalItems: 0, totalPages: 0 } } }));
  await page.reload(); // the dialog's prompt list is cached from its first opening
  await page.getByRole("button", { name: "Run experiment" }).click();
  await expect(page.getByRole("dialog", { name: "Run experiment" })).toContainText("This project has no prompts yet.");
  await shotsAllThemesAndWidths(page, "run-experiment-empty");
  await page.getByRole("dialog", { name: "Run experiment" }).getByRole("button", { name: "Cancel" }).click();
  await page.unroute(prompts);
  const item = /\/api\/internal\/projects\/[^/]+\/datasets\/[^/]+\/items\/[^/?]+$/;
  let failing = true;
  await page.route(item, (route) =>
    failing ? route.fulfill({ status: 500, json: { title: "Internal Server Error", status: 500 } }) : route.fallback(),
  );
  await page.getByRole("button", { name: `Edit item ${items[1]?.id}` }).click();
  const broken = page.getByRole("dialog", { name: "Edit item" });
  await expect(broken.getByText("Could not load the item")).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: shot("edit-item-error-light-1440") });
  failing = false;
  await broken.getByRole("button", { name: "Try again" }).click();
  await expect(broken.getByLabel("Input (JSON)")).toHaveValue(/Japan/);
});
