import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { e2eDatabase, ownOrganization, shotsAllThemesAndWidths, signIn } from "./helpers";

// An organization's OWNER manages its projects and keys from Settings → Organization: creates a project,
// gives it an API key with a note and an expiry, edits the note, revokes it behind a dialog, creates an
// organization key that the admin API accepts (and the traces API refuses), and deletes the project by
// typing its name; the worker then removes it.

const db = e2eDatabase();
test.afterAll(() => db.end());

const basic = (publicKey: string, secretKey: string) => `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString("base64")}`;
const pair = (env: string) => ({
  publicKey: /LANGFUSE_PUBLIC_KEY="([^"]+)"/.exec(env)?.[1] as string,
  secretKey: /LANGFUSE_SECRET_KEY="([^"]+)"/.exec(env)?.[1] as string,
});

test("an owner creates a project, keys it with a note, revokes the key, uses an organization key and deletes the project by its name", async ({
  page,
}) => {
  const name = `E2E project ${randomUUID().slice(0, 8)}`;
  await signIn(page);
  await page.getByRole("link", { name: "Organization", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Organization", exact: true })).toBeVisible();

  // Create a project.
  await page.getByRole("button", { name: "New project" }).click();
  const create = page.getByRole("dialog", { name: "New project" });
  await create.getByLabel(/Name/).fill("ab");
  await expect(create.getByRole("button", { name: "Create project" })).toBeDisabled();
  await create.getByLabel(/Name/).fill(name);
  await create.getByRole("button", { name: "Create project" }).click();
  const row = page.getByTestId("project-row").filter({ hasText: name });
  await expect(row).toBeVisible();
  const projectId = (await db.query(`SELECT id FROM "Project" WHERE name = $1`, [name])).rows[0].id as string;

  // Its API keys: a key with a note and an expiry, the note edited, then revoked behind a dialog.
  await page.goto(`/project/${projectId}/settings`);
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await expect(page.getByText("No API keys yet")).toBeVisible();
  await page.getByRole("button", { name: "Create API key" }).click();
  const keyDialog = page.getByRole("dialog", { name: "Create a project API key" });
  await keyDialog.getByLabel(/Note/).fill("ci pipeline");
  await keyDialog.getByLabel("Expires").selectOption({ label: "In 30 days" });
  await keyDialog.getByRole("button", { name: "Create key" }).click();
  const secret = pair((await page.getByTestId("new-api-key").textContent()) ?? "");
  expect(secret.secretKey).toMatch(/^sk-lf-/);
  const keyRow = page.getByTestId("api-key-row").filter({ hasText: secret.publicKey });
  await expect(keyRow).toContainText("ci pipeline");
  await expect(keyRow).toContainText(/expires in/);
  await expect(keyRow).toContainText("never");
  // The key works on the public API (the project's own project), which records its last use.
  const own = await page.request.get("/api/public/projects", { headers: { authorization: basic(secret.publicKey, secret.secretKey) } });
  expect(own.status()).toBe(200);
  expect((await own.json()).data[0].name).toBe(name);

  await keyRow.getByRole("button", { name: /Edit note/ }).click();
  const noteDialog = page.getByRole("dialog", { name: "Edit note" });
  await noteDialog.getByLabel("Note").fill("deploy bot");
  await noteDialog.getByRole("button", { name: "Save note" }).click();
  await expect(keyRow).toContainText("deploy bot");
  await page.reload();
  await expect(keyRow).toContainText("deploy bot");
  await shotsAllThemesAndWidths(page, "api-keys");

  await keyRow.getByRole("button", { name: "Revoke" }).click();
  const revoke = page.getByRole("dialog", { name: "Revoke API key" });
  await expect(revoke).toContainText("deploy bot");
  await revoke.getByRole("button", { name: "Revoke key" }).click();
  await expect(keyRow).toHaveCount(0);
  await page.getByLabel(/Show revoked keys \(1\)/).check();
  await expect(keyRow).toContainText("revoked");
  await expect
    .poll(async () =>
      (await page.request.get("/api/public/projects", { headers: { authorization: basic(secret.publicKey, secret.secretKey) } })).status(),
    )
    .toBe(401);

  // An organization key: the admin API lists the new project; project data stays closed to it.
  await page.getByRole("link", { name: "Organization", exact: true }).click();
  // The project's API keys page has a "Create API key" button too: wait for the organization page first.
  await expect(page.getByRole("heading", { name: "Organization", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Create API key" }).click();
  const orgDialog = page.getByRole("dialog", { name: "Create an organization API key" });
  await orgDialog.getByLabel(/Note/).fill("terraform");
  await orgDialog.getByRole("button", { name: "Create key" }).click();
  const orgKey = pair((await page.getByTestId("new-api-key").textContent()) ?? "");
  const authorization = basic(orgKey.publicKey, orgKey.secretKey);
  const listed = await page.request.get("/api/public/organizations/projects", { headers: { authorization } });
  expect(listed.status()).toBe(200);
  expect((await listed.json()).projects.map((p: { name: string }) => p.name)).toContain(name);
  expect((await page.request.get("/api/public/traces", { headers: { authorization } })).status()).toBe(403);
  await expect(page.getByTestId("api-key-row").filter({ hasText: orgKey.publicKey })).toContainText("terraform");
  await shotsAllThemesAndWidths(page, "organization-settings");

  // Delete the project: only its name, typed, enables the button; the worker then removes it.
  await page.getByRole("button", { name: `Delete ${name}` }).click();
  const del = page.getByRole("dialog", { name: "Delete project" });
  const confirm = del.getByRole("button", { name: "Delete project" });
  await expect(confirm).toBeDisabled();
  await del.getByLabel("Project name to confirm").fill(name.toLowerCase());
  await expect(confirm).toBeDisabled();
  await del.getByLabel("Project name to confirm").fill(name);
  await confirm.click();
  await expect(page.getByTestId("project-row").filter({ hasText: name })).toHaveCount(0);
  await expect
    .poll(async () => (await db.query(`SELECT count(*)::int AS n FROM "Project" WHERE id = $1`, [projectId])).rows[0].n, {
      timeout: 30_000,
    })
    .toBe(0);
  await expect(page.getByText(`Deleting ${name}`)).toHaveCount(0, { timeout: 10_000 });
  const audit = await db.query(`SELECT action FROM "AuditLog" WHERE "projectId" = $1 ORDER BY seq`, [projectId]);
  expect(audit.rows.map((r) => r.action)).toEqual([
    "project.created",
    "apiKey.created",
    "apiKey.updated",
    "apiKey.revoked",
    "project.deleted",
  ]);
});

test("an owner of two organizations moves a project from one to the other, and it keeps its traces", async ({ page }) => {
  const home = await ownOrganization(db, { label: "Home Org", projects: ["Home project", "Travelling project"] });
  const away = await ownOrganization(db, { label: "Away Org", projects: ["Away project"], owner: home.owner });
  const travelling = home.projectIds[1] as string;
  await db.query(
    `INSERT INTO "Trace" ("id", "projectId", "name", "timestamp", "createdAt", "updatedAt") VALUES ($1, $2, 'carried along', now(), now(), now())`,
    [`trace-${home.suffix}`, travelling],
  );

  await signIn(page, home.owner);
  await page.goto(`/project/${home.projectId}/settings/organization`);
  await expect(page.getByRole("link", { name: "New organization" })).toBeVisible();
  await page.getByRole("button", { name: "Move Travelling project" }).click();
  const dialog = page.getByRole("dialog", { name: "Move Travelling project" });
  await expect(dialog.getByLabel("Move to organization")).toHaveValue(away.organization.id);
  await shotsAllThemesAndWidths(page, "organization-move-project");
  await dialog.getByRole("button", { name: "Move project" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("project-row").filter({ hasText: "Travelling project" })).toHaveCount(0);

  // It is a project of the other organization now, with its trace.
  await page.goto(`/project/${away.projectId}/settings/organization`);
  await expect(page.getByTestId("project-row").filter({ hasText: "Travelling project" })).toBeVisible();
  await page.goto(`/project/${travelling}/traces`);
  await expect(page.getByRole("link", { name: "carried along" }).or(page.getByText("carried along")).first()).toBeVisible();
  const logged = await db.query(`SELECT "organizationId" FROM "AuditLog" WHERE action = 'project.moved' AND "resourceId" = $1`, [
    travelling,
  ]);
  expect(logged.rows.map((r) => r.organizationId).sort()).toEqual([home.organization.id, away.organization.id].sort());
});
