import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { basicAuth, shot, shotsAllThemesAndWidths, signIn } from "./helpers";

// The datasets pages: folders by `/`, a dataset's items and runs, empty and error states.

const headers = { Authorization: basicAuth(), "content-type": "application/json" };
const xss = async (page: Page) => page.evaluate(() => (window as unknown as { __xss?: number }).__xss);

test("datasets list folders, a dataset shows its items and runs, user content stays text", async ({ page, request }) => {
  const tag = randomUUID().slice(0, 6);
  const name = `ui-${tag}/support/faq`;
  const post = async (path: string, data: unknown) => {
    const res = await request.post(`/api/public/${path}`, { headers, data });
    expect(res.status(), path).toBe(200);
    return res.json();
  };
  await post("v2/datasets", { name, description: "Questions customers ask the support bot", inputSchema: { type: "object" } });
  await post("v2/datasets", { name: `ui-${tag}/billing`, description: "Invoices and refunds" });
  const hostile = "<img src=x onerror=window.__xss=1>";
  for (let i = 0; i < 4; i++)
    await post("dataset-items", {
      datasetName: name,
      id: `faq-${tag}-${i}`,
      input: { question: i === 3 ? `Hostile ${hostile}` : `How do I reset my password? (${i})`, locale: "en" },
      expectedOutput: `Open Settings → Security and choose "Reset" (${i}).`,
      ...(i === 2 ? { status: "ARCHIVED" } : {}),
    });
  await post("dataset-run-items", {
    runName: "gpt-4o baseline",
    runDescription: "first pass",
    datasetItemId: `faq-${tag}-0`,
    traceId: randomUUID(),
  });
  await post("dataset-run-items", { runName: "gpt-4o baseline", datasetItemId: `faq-${tag}-1`, traceId: randomUUID() });

  await signIn(page);
  const projectUrl = page.url().replace(/\/traces.*$/, "");
  await page.goto(`${projectUrl}/datasets`);
  await page.getByRole("button", { name: new RegExp(`^ui-${tag}`) }).click();
  await expect(page.getByRole("navigation", { name: "Folder" })).toContainText(`ui-${tag}`);
  await expect(page.getByTestId("dataset-row")).toHaveCount(2);
  await expect(page.getByRole("button", { name: /support\s*1 dataset/ })).toBeVisible();
  await expect(page.getByTestId("dataset-link")).toHaveText("billing");
  await shotsAllThemesAndWidths(page, "datasets-folder");

  await page.getByRole("button", { name: /support/ }).click();
  await page.getByTestId("dataset-link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("faq");
  await expect(page.getByTestId("dataset-item-row")).toHaveCount(4);
  await expect(page.getByTestId("dataset-run")).toHaveText(/gpt-4o baseline.*first pass.*2 items/);
  await expect(page.getByText("archived")).toBeVisible();
  await expect(page.getByText(hostile, { exact: false })).toBeVisible();
  expect(await xss(page)).toBeUndefined();
  await shotsAllThemesAndWidths(page, "dataset-detail");

  // The breadcrumb goes back to the folder.
  await page.getByRole("link", { name: "support" }).click();
  await expect(page.getByTestId("dataset-link")).toHaveText("faq");
});

test("datasets list teaches when empty and offers a retry on errors", async ({ page }) => {
  await signIn(page);
  const projectUrl = page.url().replace(/\/traces.*$/, "");
  const list = /\/api\/internal\/projects\/[^/]+\/datasets$/;
  await page.route(list, (route) => route.fulfill({ json: { data: [], truncated: false } }));
  await page.goto(`${projectUrl}/datasets`);
  await expect(page.getByText("No datasets yet")).toBeVisible();
  await expect(page.getByText("runExperiment")).toBeVisible();
  await shotsAllThemesAndWidths(page, "datasets-empty");
  await page.unroute(list);

  let failing = true;
  await page.route(list, (route) =>
    failing ? route.fulfill({ status: 500, json: { title: "Internal Server Error", status: 500 } }) : route.fallback(),
  );
  await page.goto(`${projectUrl}/datasets`);
  await expect(page.getByText("Could not load datasets")).toBeVisible();
  await page.screenshot({ path: shot("datasets-error-light-1440") });
  failing = false;
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByText("Could not load datasets")).toBeHidden();

  await page.goto(`${projectUrl}/datasets/no-such-dataset`);
  await expect(page.getByText("This project has no dataset with this id.")).toBeVisible();
});
