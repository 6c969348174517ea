import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { sendAgentTrace, shot, shotsAllThemesAndWidths, signIn } from "./helpers";

const emptyPage = { data: [], meta: { page: 1, limit: 50, totalItems: 0, totalPages: 0 } };
const xss = async (page: Page) => page.evaluate(() => (window as unknown as { __xss?: number }).__xss);

test("sessions and users lists teach how to fill them when empty, and offer a retry on errors", async ({ page }) => {
  await signIn(page);
  const projectUrl = page.url().replace(/\/traces.*$/, "");

  await page.route(/\/api\/internal\/projects\/[^/]+\/(sessions|users)\?/, (route) => route.fulfill({ json: emptyPage }));
  await page.goto(`${projectUrl}/sessions`);
  await expect(page.getByText("No sessions yet")).toBeVisible();
  await expect(page.getByText('sessionId: "chat-1234"')).toBeVisible();
  await shotsAllThemesAndWidths(page, "sessions-empty");
  await page.goto(`${projectUrl}/users`);
  await expect(page.getByText("No users yet")).toBeVisible();
  await shotsAllThemesAndWidths(page, "users-empty");

  await page.unroute(/\/api\/internal\/projects\/[^/]+\/(sessions|users)\?/);
  let failing = true;
  await page.route(/\/api\/internal\/projects\/[^/]+\/sessions\?/, (route) =>
    failing ? route.fulfill({ status: 500, json: { title: "Internal Server Error", status: 500 } }) : route.fallback(),
  );
  await page.goto(`${projectUrl}/sessions`);
  await expect(page.getByText("Could not load sessions")).toBeVisible();
  await page.screenshot({ path: shot("sessions-error-light-1440") });
  failing = false;
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByText("Could not load sessions")).toBeHidden();
});

test("a session replays its traces as a conversation, and users link to their traces", async ({ page, request }) => {
  const tag = randomUUID().slice(0, 8);
  const sessionId = `chat-${tag}`;
  const userId = `customer-${tag}`;
  const t0 = Date.now() - 10 * 60_000;
  const hostile = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  const turns = [
    { input: [{ role: "user", content: "Hi, where is order 991?" }], output: { role: "assistant", content: "Order 991 ships tomorrow." } },
    {
      input: [
        { role: "system", content: "You are a support agent." },
        { role: "user", content: "Hi, where is order 991?" },
        { role: "assistant", content: "Order 991 ships tomorrow." },
        { role: "user", content: `Can you change the address? ${hostile}` },
      ],
      output: { role: "assistant", content: "Done: the address is updated." },
    },
    { input: "thanks!", output: { answer: "You're welcome.", sources: ["faq/shipping"] } },
  ];
  // Sent out of order: the session page orders turns by their timestamps.
  const ids: string[] = [];
  for (const i of [2, 0, 1]) {
    const turn = turns[i] as (typeof turns)[number];
    const { traceId } = await sendAgentTrace(request, { name: `turn-${i + 1}`, sessionId, userId, startedAt: t0 + i * 60_000, ...turn });
    ids[i] = traceId;
  }

  await signIn(page);
  const projectUrl = page.url().replace(/\/traces.*$/, "");
  await page.getByRole("link", { name: "Sessions", exact: true }).click();
  await expect(page).toHaveURL(/\/sessions$/);
  const row = page.getByTestId("session-row").filter({ hasText: sessionId });
  await expect(async () => {
    await page.reload();
    // Generous: on a loaded machine the page and its list take more than a second after a reload.
    await expect(row).toContainText("3", { timeout: 5000 });
    await expect(row).toContainText("$0.018", { timeout: 5000 });
  }).toPass({ timeout: 60_000 });
  await expect(row).toContainText(userId);
  await shotsAllThemesAndWidths(page, "sessions-list");

  await row.click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  const turnItems = page.getByTestId("session-turn");
  await expect(turnItems).toHaveCount(3);
  await expect(turnItems.nth(0)).toContainText("turn-1");
  await expect(turnItems.nth(0)).toContainText("Order 991 ships tomorrow.");
  await expect(turnItems.nth(1)).toContainText("turn-2");
  await expect(turnItems.nth(2)).toContainText("turn-3");
  await expect(turnItems.nth(2)).toContainText('"answer": "You\'re welcome."');
  // The second turn shows what is new since the last answer, as role-tagged bubbles.
  const bubbles = turnItems.nth(1).getByTestId("chat-bubble");
  await expect(bubbles).toHaveCount(2);
  await expect(bubbles.nth(0)).toHaveAttribute("data-role", "user");
  await expect(bubbles.nth(0)).toContainText("<script>window.__xss=2</script>");
  await expect(bubbles.nth(1)).toHaveAttribute("data-role", "assistant");
  expect(await xss(page)).toBeUndefined();
  await expect(page.getByTestId("session-total-cost")).toHaveText("$0.018");
  await shotsAllThemesAndWidths(page, "session-detail");
  await turnItems.nth(1).getByRole("button", { name: "Show 3 earlier messages" }).click();
  await expect(bubbles).toHaveCount(5);

  await turnItems.nth(1).getByTestId("turn-trace-link").click();
  await expect(page).toHaveURL(new RegExp(`/traces/${ids[1]}$`));
  await expect(page.getByRole("heading", { name: "turn-2" })).toBeVisible();
  await page.getByRole("link", { name: userId }).click();

  await expect(page).toHaveURL(new RegExp(`/users/${userId}$`));
  await expect(page.getByTestId("user-total-cost")).toHaveText("$0.018");
  const traceRows = page.getByTestId("trace-row");
  await expect(traceRows).toHaveCount(3);
  await expect(traceRows.nth(0)).toContainText("turn-3");
  await shotsAllThemesAndWidths(page, "user-detail");

  await page.goto(`${projectUrl}/users`);
  const userRow = page.getByTestId("user-row").filter({ hasText: userId });
  await expect(userRow).toContainText("$0.018");
  await shotsAllThemesAndWidths(page, "users-list");
  await userRow.click();
  await expect(page).toHaveURL(new RegExp(`/users/${userId}$`));
  await traceRows.filter({ hasText: "turn-1" }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${ids[0]}$`));
  await page.getByRole("link", { name: sessionId }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));

  // The traces table links users and sessions too. Searched: the other specs' newer traces may fill its
  // first page (these are ten minutes old).
  await page.goto(`${projectUrl}/traces?search=turn-3`);
  await page.getByTestId("trace-row").filter({ hasText: "turn-3" }).getByRole("link", { name: sessionId }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  expect(await xss(page)).toBeUndefined();
});
