import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { basicAuth, shotsAllThemesAndWidths, signIn } from "./helpers";

// Payloads as people read them: markdown tables rendered (as text, never HTML), tool calls neutral,
// a failed tool result flagged, a JSON tool result shown parsed.

test("markdown tables render, tool errors are flagged, JSON tool results are parsed", async ({ page, request }) => {
  const traceId = randomUUID();
  const genId = randomUUID();
  const at = new Date(Date.now() - 5000).toISOString();
  const table = "| Plan | Price |\n| --- | --- |\n| Pro | $20 |\n| <img src=x onerror=window.__xss=1> | free |";
  const input = [
    { role: "user", content: "Compare plans" },
    { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "lookup_plans", input: { region: "eu" } }] },
    { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "plans service unavailable", is_error: true }] },
    { role: "tool", tool_call_id: "t2", content: '{"plans":["pro","team"]}' },
  ];
  const res = await request.post("/api/public/ingestion", {
    headers: { authorization: basicAuth() },
    data: {
      batch: [
        { id: randomUUID(), type: "trace-create", timestamp: at, body: { id: traceId, name: "payloads", timestamp: at } },
        {
          id: randomUUID(),
          type: "generation-create",
          timestamp: at,
          body: { id: genId, traceId, name: "answer", startTime: at, endTime: at, input, output: { role: "assistant", content: table } },
        },
      ],
    },
  });
  expect(res.status()).toBe(207);
  await signIn(page);
  const projectUrl = page.url().replace(/\/traces.*$/, "");
  await expect(async () => {
    await page.goto(`${projectUrl}/traces/${traceId}?observation=${genId}`);
    await expect(page.getByTestId("payload-output")).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 45_000 });
  const output = page.getByTestId("payload-output");
  await expect(output.locator("table th").first()).toHaveText("Plan");
  await expect(output.locator("table td").nth(2)).toContainText("<img src=x onerror=window.__xss=1>");
  const toolError = page.locator('[data-testid="chat-tool-result"][data-error="true"]');
  await expect(toolError).toContainText("Tool error");
  await expect(toolError).toContainText("plans service unavailable");
  await expect(page.locator('[data-testid="chat-tool-result"]:not([data-error])')).toContainText("plans");
  await expect(page.getByTestId("chat-tool-call")).not.toHaveClass(/orange|danger/);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await shotsAllThemesAndWidths(page, "payload-markdown-tools");
});
