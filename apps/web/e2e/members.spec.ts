import { expect, test } from "@playwright/test";
import { e2eDatabase, ownOrganization, projectIdOf, shotsAllThemesAndWidths, signIn } from "./helpers";

const db = e2eDatabase();
test.afterAll(() => db.end());

test("an owner invites a colleague who signs up through the link, changes their role, and cannot demote the last owner", async ({
  page,
  browser,
}) => {
  const { owner, projectId, suffix } = await ownOrganization(db);
  await signIn(page, owner);
  expect(projectIdOf(page)).toBe(projectId);
  await page.getByRole("link", { name: "Organization members" }).click();
  await expect(page.getByRole("heading", { name: "Organization members" })).toBeVisible();
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  await expect(page.getByText("No invitation is waiting")).toBeVisible();

  // The last owner: the refusal is shown, and the role stays.
  await page.getByLabel(`Role of ${owner.email}`).selectOption("ADMIN");
  await expect(page.getByText(/last owner/)).toBeVisible();
  await expect(page.getByLabel(`Role of ${owner.email}`)).toHaveValue("OWNER");
  await shotsAllThemesAndWidths(page, "members-last-owner");

  // Invite: the link is shown once, the invitation waits in the list.
  const colleague = `colleague-${suffix}@loupe.test`;
  await page.getByRole("button", { name: "Invite" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a colleague" });
  await dialog.getByLabel("Email").fill(colleague);
  await dialog.getByLabel("Organization role").selectOption("VIEWER");
  await shotsAllThemesAndWidths(page, "members-invite-dialog");
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  const link = (await page.getByTestId("invitation-link").textContent())?.trim() ?? "";
  expect(link).toMatch(/\/auth\/invite\/[\w-]{40,}$/);
  await expect(page.getByTestId("invitation-row")).toContainText(colleague);
  await shotsAllThemesAndWidths(page, "members-invited");

  // The colleague, in a browser of their own, signs up from the link and lands in the project.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await theirs.goto(link);
  await expect(theirs.getByRole("heading", { name: /Join Members Org/ })).toBeVisible();
  await expect(theirs.getByLabel("Email")).toHaveValue(colleague);
  await shotsAllThemesAndWidths(theirs, "invitation-sign-up");
  await theirs.getByLabel("Name").fill("Colin Colleague");
  await theirs.getByLabel("Password").fill("colleague-password-1");
  await theirs.getByRole("button", { name: "Create account and join" }).click();
  await expect(theirs).toHaveURL(new RegExp(`/project/${projectId}`));

  // The used link says so, without an error page.
  await theirs.goto(link);
  await expect(theirs.getByTestId("invitation-unavailable")).toContainText("already been used");
  await shotsAllThemesAndWidths(theirs, "invitation-used");
  await other.close();

  // Back at the owner's page: the colleague is a member with the invited role, no invitation waits.
  await page.reload();
  await expect(page.getByTestId("member-row")).toHaveCount(2);
  await expect(page.getByLabel(`Role of ${colleague}`)).toHaveValue("VIEWER");
  await expect(page.getByTestId("invitation-row")).toHaveCount(0);

  // A role change sticks.
  await page.getByLabel(`Role of ${colleague}`).selectOption("MEMBER");
  await expect(page.getByLabel(`Role of ${colleague}`)).toHaveValue("MEMBER");
  await page.reload();
  await expect(page.getByLabel(`Role of ${colleague}`)).toHaveValue("MEMBER");
  await shotsAllThemesAndWidths(page, "members-full");

  // The project's members page: the colleague's project role overrides the organization role here.
  await page.getByRole("link", { name: "Members", exact: true }).click();
  await page.getByLabel(`Project role of ${colleague}`).selectOption("VIEWER");
  await expect(page.getByTestId("project-member-row").filter({ hasText: colleague })).toContainText("VIEWER");
  await shotsAllThemesAndWidths(page, "project-members");
});

test("someone signed in to their own organization accepts an invitation as NONE with one project, and sees only that project", async ({
  page,
  browser,
}) => {
  const { owner, projectIds, organization } = await ownOrganization(db, { projects: ["Members Project", "Hidden Project"] });
  const [shared, hidden] = projectIds as [string, string];
  const guest = await ownOrganization(db, { label: "Guest Org" });

  await signIn(page, owner);
  await page.getByRole("link", { name: "Organization members" }).click();
  await page.getByRole("button", { name: "Invite" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a colleague" });
  await dialog.getByLabel("Email").fill(guest.owner.email);
  await dialog.getByLabel("Organization role").selectOption("NONE");
  await dialog.getByLabel("Project (optional)").selectOption({ label: "Members Project" });
  await dialog.getByLabel("Role in that project").selectOption("VIEWER");
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  const link = (await page.getByTestId("invitation-link").textContent())?.trim() ?? "";
  expect(link).toMatch(/\/auth\/invite\/[\w-]{40,}$/);

  // The guest is already signed in to an organization of their own, and joins with one click.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await signIn(theirs, guest.owner);
  expect(projectIdOf(theirs)).toBe(guest.projectId);
  await theirs.goto(link);
  const join = theirs.getByRole("button", { name: `Join ${organization.name}` });
  await expect(join).toBeVisible();
  await shotsAllThemesAndWidths(theirs, "invitation-signed-in");
  await join.click();
  await expect(theirs).toHaveURL(new RegExp(`/project/${shared}`));

  // NONE in the organization, VIEWER in one project: that project opens, the other one does not exist for them.
  expect((await theirs.goto(`/project/${hidden}/traces`))?.status()).toBe(404);
  expect((await theirs.request.get(`/api/internal/projects/${hidden}/traces`)).status()).toBe(404);
  expect((await theirs.goto(`/project/${shared}/traces`))?.status()).toBe(200);
  await expect(theirs.getByRole("heading", { name: "Traces" })).toBeVisible();
  // Their own organization is untouched.
  expect((await theirs.goto(`/project/${guest.projectId}/traces`))?.status()).toBe(200);
  await other.close();

  // The owner sees the guest as NONE, with the project role on the project's members page.
  await page.reload();
  await expect(page.getByLabel(`Role of ${guest.owner.email}`)).toHaveValue("NONE");
  await page.getByRole("link", { name: "Members", exact: true }).click();
  await expect(page.getByTestId("project-member-row").filter({ hasText: guest.owner.email })).toContainText("VIEWER");
});

test("an unknown invitation link gets a clear page, not an error", async ({ page }) => {
  await page.goto(`/auth/invite/${"x".repeat(43)}`);
  await expect(page.getByTestId("invitation-unavailable")).toContainText("not valid");
});
