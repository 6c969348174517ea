import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { basicAuth, shot, shotsAllThemesAndWidths, signIn } from "./helpers";

// The trace header and tree as a person triaging uses them: warnings marked (amber) like errors with
// counts in the header, the trace's version, a bookmark, tags edited in place; tiny costs readable.

test("a trace marks warnings, counts levels, shows its version, and takes a bookmark and tags", async ({ page, request }) => {
  const tag = randomUUID().slice(0, 8);
  const traceId = randomUUID();
  const root = randomUUID();
  const t0 = Date.now() - 10_000;
  const at = (ms: number) => new Date(t0 + ms).toISOString();
  const ev = (type: string, body: Record<string, unknown>) => ({ id: randomUUID(), type, timestamp: at(0), body });
  const res = await request.post("/api/public/ingestion", {
    headers: { authorization: basicAuth() },
    data: {
      batch: [
        ev("trace-create", { id: traceId, name: `triage-${tag}`, timestamp: at(0), version: "v2.3.1", tags: ["support"] }),
        ev("span-create", { id: root, traceId, name: "agent", startTime: at(0), endTime: at(900) }),
        ev("span-create", {
          id: randomUUID(),
          traceId,
          parentObservationId: root,
          name: "slow-retrieval",
          startTime: at(10),
          endTime: at(500),
          level: "WARNING",
          statusMessage: "took 490 ms",
        }),
        ev("tool-create", {
          id: randomUUID(),
          traceId,
          parentObservationId: root,
          name: "lookup",
          startTime: at(510),
          endTime: at(600),
          level: "ERROR",
        }),
        ev("generation-create", {
          id: randomUUID(),
          traceId,
          parentObservationId: root,
          name: "cheap-call",
          model: "tiny",
          startTime: at(600),
          endTime: at(890),
          costDetails: { total: 5.6e-7 },
        }),
      ],
    },
  });
  expect(res.status()).toBe(207);

  await signIn(page);
  const projectUrl = page.url().replace(/\/traces.*$/, "");
  await expect(async () => {
    await page.goto(`${projectUrl}/traces/${traceId}`);
    await expect(page.getByTestId("tree-row")).toHaveCount(4, { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });

  await expect(page.getByTestId("trace-level-counts")).toHaveText(/1 error.*1 warning/);
  await expect(page.getByText("v2.3.1")).toBeVisible();
  const warningRow = page.getByTestId("tree-row").filter({ hasText: "slow-retrieval" });
  await expect(warningRow.locator('[data-level="WARNING"]')).toHaveClass(/text-warning/);
  await expect(page.getByTestId("tree-row").filter({ hasText: "lookup" }).locator('[data-level="ERROR"]')).toHaveClass(/text-danger/);
  // Costs for people: never 5.6e-7.
  await expect(page.getByTestId("tree-row").filter({ hasText: "cheap-call" })).toContainText("$0.00000056");
  await expect(page.locator("body")).not.toContainText("e-7");

  await page.getByRole("button", { name: "Bookmark trace" }).click();
  await expect(page.getByRole("button", { name: "Remove bookmark" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Tag", exact: true }).click();
  await page.getByLabel("New tag").fill("needs-review");
  await page.getByLabel("New tag").press("Enter");
  await expect(page.getByTestId("trace-tags")).toContainText("needs-review");
  await page.getByRole("button", { name: "Remove tag support" }).click();
  await expect(page.getByTestId("trace-tags")).not.toContainText("support");
  await page.reload();
  await expect(page.getByRole("button", { name: "Remove bookmark" })).toBeVisible();
  await expect(page.getByTestId("trace-tags")).toHaveText(/needs-review/);
  await shotsAllThemesAndWidths(page, "trace-with-warnings");
  await page.getByRole("button", { name: "Timeline" }).click();
  await page.screenshot({ path: shot("trace-with-warnings-timeline") });

  // The traces table finds it by the new tag.
  await page.goto(`${projectUrl}/traces?tags=needs-review&search=triage-${tag}`);
  await expect(page.getByTestId("trace-row")).toHaveCount(1);
});
