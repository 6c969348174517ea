import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import {
  basicAuth,
  createProjectUser,
  e2eDatabase,
  fromLoupePage,
  projectIdOf,
  sendAgentTrace,
  shot,
  shotsAllThemesAndWidths,
  signIn,
} from "./helpers";

// Datasets made in the UI. A CSV becomes a dataset: create it in the UI, map the columns, see the broken rows reported, import
// the valid ones, find them in the items table. A VIEWER can do neither, in the UI or on the API.

const csv = [
  "question,context,answer,notes",
  '"How do I reset my password?",account,"Settings → Security → Reset",from FAQ',
  '"Where is my invoice?",billing,"Billing → Invoices",',
  "only-two-values,billing",
  '"Can I export my data?",account,"Settings → Export (CSV, JSON)","{""reviewed"": true}"',
  ',,"no question here",',
].join("\n");

test("a CSV becomes a dataset: mapping, per-row errors, valid rows imported", async ({ page }) => {
  const name = `imports-${randomUUID().slice(0, 6)}/support-faq`;
  await signIn(page);
  await page.goto(page.url().replace(/\/traces.*$/, "/datasets"));
  await page.getByRole("button", { name: "New dataset" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Description (optional)").fill("Support answers checked by the team");
  await page.getByRole("button", { name: "Create dataset" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("support-faq");
  await expect(page.getByText("No items yet")).toBeVisible();

  await page.getByRole("button", { name: "Import items" }).click();
  const dialog = page.getByRole("dialog", { name: "Import items" });
  await dialog.getByLabel("File to import").setInputFiles({ name: "faq.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // Suggested from the header: question → input, answer → expected output.
  await expect(dialog.getByRole("group", { name: "Input" }).getByRole("button", { name: "question" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(dialog.getByRole("group", { name: "Expected output" }).getByRole("button", { name: "answer" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  // Add context to the input (an object of both columns) and notes as metadata.
  await dialog.getByRole("group", { name: "Input" }).getByRole("button", { name: "context" }).click();
  await dialog.getByRole("group", { name: "Metadata" }).getByRole("button", { name: "notes" }).click();
  await expect(dialog.getByTestId("import-summary")).toContainText("3 of 5 rows ready to import");
  await expect(dialog.getByTestId("import-summary")).toContainText("2 with problems");
  const problems = dialog.getByRole("list", { name: "Rows with problems" });
  await expect(problems).toContainText("Row 4");
  await expect(problems).toContainText("one value per header column");
  await expect(problems).toContainText("Row 6");
  await expect(problems).toContainText("The input (question, context) is empty");
  await expect(dialog.getByRole("table", { name: "Preview" })).toContainText(
    '{"question":"How do I reset my password?","context":"account"}',
  );
  await expect(dialog.getByRole("table", { name: "Preview" })).toContainText('{"reviewed":true}');
  await expect(dialog.getByRole("table", { name: "Preview" })).toContainText('{"notes":"from FAQ"}');
  await shotsAllThemesAndWidths(page, "dataset-import-mapping");

  await dialog.getByRole("button", { name: "Import 3 valid rows, skip 2" }).click();
  await expect(dialog.getByTestId("import-done")).toHaveText("Imported 3 items; skipped 2 rows with problems.");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("dataset-item-row")).toHaveCount(3);
  await expect(page.getByTestId("dataset-item-row").first()).toContainText("How do I reset my password?");
  await expect(page.getByTestId("dataset-item-row").last()).toContainText("Can I export my data?");
  await shotsAllThemesAndWidths(page, "dataset-imported");
});

test("a VIEWER neither creates nor imports, in the UI or on the API", async ({ browser }) => {
  const db = e2eDatabase();
  const viewer = await createProjectUser(db, "VIEWER");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, viewer);
  const projectId = projectIdOf(page);
  await page.goto(`/project/${projectId}/datasets`);
  await expect(page.getByRole("heading", { name: "Datasets" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New dataset" })).toHaveCount(0);

  const refused = await page.request.post(`/api/internal/projects/${projectId}/datasets`, {
    headers: fromLoupePage,
    data: { name: `viewer-${randomUUID().slice(0, 6)}` },
  });
  expect(refused.status()).toBe(403);
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM "Dataset" WHERE "projectId" = $1 AND name LIKE 'viewer-%'`, [projectId]);
  expect(rows[0].n).toBe(0);
  await context.close();
  await db.end();
});

test("add to dataset from a generation: its input and output prefilled, editable, linked back to the trace", async ({ page, request }) => {
  const name = `from-traces-${randomUUID().slice(0, 6)}`;
  const created = await request.post("/api/public/v2/datasets", { headers: { authorization: basicAuth() }, data: { name } });
  expect(created.status()).toBe(200);
  const { traceId, generationId } = await sendAgentTrace(request, { name: "refund-agent" });
  await signIn(page);
  const projectId = projectIdOf(page);
  await page.goto(`/project/${projectId}/traces/${traceId}?observation=${generationId}`);
  await page.getByTestId("trace-detail-pane").getByRole("button", { name: "Add to dataset" }).click();
  const dialog = page.getByRole("dialog", { name: "Add to dataset" });
  await dialog.getByLabel("Dataset").selectOption({ label: name });
  await expect(dialog.getByLabel("Input")).toHaveValue(/"content": "Where is my order\?"/);
  await expect(dialog.getByLabel("Expected output (optional)")).toHaveValue(/It ships tomorrow\./);
  await dialog.getByLabel("Expected output (optional)").fill("It ships tomorrow, with tracking by e-mail.");
  await page.screenshot({ path: shot("add-to-dataset-light-1440") });
  await dialog.getByRole("button", { name: "Add item" }).click();
  await expect(dialog.getByTestId("added-to-dataset")).toContainText(`Added to ${name}`);
  await dialog.getByRole("link", { name: "Open the dataset" }).click();
  const row = page.getByTestId("dataset-item-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Where is my order?");
  await expect(row).toContainText("It ships tomorrow, with tracking by e-mail.");
  await expect(row.getByRole("link")).toHaveAttribute("href", new RegExp(`/traces/${traceId}`));
});

test("compare view: two runs side by side per item, aggregates, sort by score, diff against expected", async ({ page, request }) => {
  const name = `compare-${randomUUID().slice(0, 6)}`;
  const auth = { authorization: basicAuth() };
  expect((await request.post("/api/public/v2/datasets", { headers: auth, data: { name } })).status()).toBe(200);
  const questions = [
    { id: `${name}-refund`, input: "How long does a refund take?", expected: "Refunds arrive within 5 business days." },
    { id: `${name}-invoice`, input: "Where do I find invoices?", expected: "Invoices are under Billing → Invoices." },
  ];
  for (const q of questions)
    expect(
      (
        await request.post("/api/public/dataset-items", {
          headers: auth,
          data: { datasetName: name, id: q.id, input: q.input, expectedOutput: q.expected },
        })
      ).status(),
    ).toBe(200);
  const answers: Record<string, [string, number][]> = {
    baseline: [
      ["Refunds arrive within 10 business days.", 0],
      ["Invoices are under Billing → Invoices.", 1],
    ],
    candidate: [
      ["Refunds arrive within 5 business days.", 1],
      ["Invoices are under Billing → Invoices.", 1],
    ],
  };
  const batch: unknown[] = [];
  const links: { runName: string; datasetItemId: string; traceId: string }[] = [];
  for (const [runName, outputs] of Object.entries(answers))
    outputs.forEach(([output, correct], i) => {
      const traceId = randomUUID();
      const now = new Date().toISOString();
      batch.push({
        id: randomUUID(),
        type: "trace-create",
        timestamp: now,
        body: { id: traceId, name: "faq-bot", input: questions[i]?.input, output },
      });
      batch.push({
        id: randomUUID(),
        type: "score-create",
        timestamp: now,
        body: { id: randomUUID(), traceId, name: "correct", value: correct },
      });
      links.push({ runName, datasetItemId: questions[i]?.id as string, traceId });
    });
  const ingested = await request.post("/api/public/ingestion", { headers: auth, data: { batch } });
  expect(ingested.status()).toBe(207);
  for (const link of links) expect((await request.post("/api/public/dataset-run-items", { headers: auth, data: link })).status()).toBe(200);

  await signIn(page);
  await page.goto(page.url().replace(/\/traces.*$/, "/datasets"));
  await page.getByTestId("dataset-link").filter({ hasText: name }).click();
  await page.getByLabel("Compare baseline").check();
  await page.getByLabel("Compare candidate").check();
  await page.getByRole("link", { name: "Compare 2 runs" }).click();
  await expect(page.getByRole("heading", { name: "Compare runs" })).toBeVisible();
  // The worker stores traces and scores a moment after ingestion: the aggregates fill in on reload.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("region", { name: "Run baseline" })).toContainText("0.50", { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByRole("region", { name: "Run candidate" })).toContainText("1");
  await expect(page.getByTestId("compared-item")).toHaveCount(2);
  await expect(page.getByRole("table", { name: "Items by run" })).toContainText("Refunds arrive within 10 business days.");

  await page.getByLabel("Sort items").selectOption({ label: "correct in baseline, lowest first" });
  await expect(page.getByTestId("compared-item").first()).toContainText("How long does a refund take?");
  await page.getByLabel("Show items").selectOption("differ");
  await expect(page.getByTestId("compared-item")).toHaveCount(1);
  await page.getByLabel("Diff outputs against the expected output").check();
  await expect(page.getByTestId("output-diff").first()).toBeVisible();
  await shotsAllThemesAndWidths(page, "dataset-compare");
  await page.getByTestId("compared-item").first().getByRole("link", { name: "Trace" }).first().click();
  await expect(page).toHaveURL(/\/traces\/[0-9a-f-]+/);
});
