import { inPromptTransaction, prisma } from "@loupe/db";
import { createTestUser } from "@loupe/db/testing";
import { closeQueues, getQueue } from "@loupe/jobs";
import { afterAll, describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { createPromptVersion, deletePrompt, updatePromptLabels } from "../prompts/write-prompts.ts";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  sendWebhookTestEvent,
  updateWebhook,
} from "./manage-webhooks.ts";
import { sweepWebhookDeliveries } from "./sweep-deliveries.ts";
import { recordWebhookEvents } from "./webhook-events.ts";

// The management services and the outbox, without a worker: what is written, when, and who may.
// Sending and retries run on the real worker in apps/worker/src/webhooks.int.test.ts.

afterAll(() => closeQueues());

async function setup() {
  const { project } = await createProjectWithKeys();
  const user = await createTestUser({ passwordHash: null });
  const admin = { userId: user.id, role: "ADMIN" as const };
  return { project, admin, actor: { kind: "user" as const, ...admin } };
}

const body = { name: "ci", url: "https://203.0.113.10/hooks", format: "json" as const, events: ["prompt.version.created" as const] };

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("webhooks", () => {
  it("lets only ADMIN and OWNER manage webhooks", async () => {
    const { project, admin } = await setup();
    const hook = await createWebhook(project.id, admin, body);
    for (const role of ["VIEWER", "MEMBER"] as const) {
      const actor = { userId: admin.userId, role };
      for (const call of [
        listWebhooks(project.id, actor),
        createWebhook(project.id, actor, body),
        updateWebhook(project.id, actor, hook.id, { enabled: false }),
        deleteWebhook(project.id, actor, hook.id, TEST_AUDIT),
        sendWebhookTestEvent(project.id, actor, hook.id),
        listWebhookDeliveries(project.id, actor, hook.id, { page: 1, limit: 50 }),
      ]) {
        expect((await rejection(call)).status).toBe(403);
      }
    }
    expect(await listWebhooks(project.id, { userId: admin.userId, role: "OWNER" })).toHaveLength(1);
    // The refused deletes wrote no audit row; the admin's delete writes one.
    expect(await prisma.auditLog.count({ where: { projectId: project.id } })).toBe(0);
    await deleteWebhook(project.id, admin, hook.id, TEST_AUDIT);
    const audited = await prisma.auditLog.findMany({ where: { projectId: project.id } });
    expect(audited.map((r) => [r.action, r.resourceId])).toEqual([["webhook.deleted", hook.id]]);
  });

  it("shows the secret once and stores it only sealed", async () => {
    const { project, admin } = await setup();
    const created = await createWebhook(project.id, admin, body);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.secretHint).toBe(created.secret.slice(-4));
    const [listed] = await listWebhooks(project.id, admin);
    expect(listed).not.toHaveProperty("secret");
    const row = await prisma.webhook.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secret).toMatch(/^v1\./);
    expect(row.secret).not.toContain(created.secret);
  });

  it("refuses URLs Loupe may not call, naming the reason", async () => {
    const { project, admin } = await setup();
    for (const url of ["http://169.254.169.254/latest/meta-data", "https://[fe80::1]/hook", "https://user:pw@example.com/"]) {
      const error = await rejection(createWebhook(project.id, admin, { ...body, url }));
      expect(error.status).toBe(400);
      expect(error.message).toMatch(/^Invalid url: /);
    }
    expect(await prisma.webhook.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("writes deliveries in the change's transaction: none for a change that rolled back", async () => {
    const { project, admin, actor } = await setup();
    const hook = await createWebhook(project.id, admin, { ...body, events: ["prompt.version.created", "prompt.deleted"] });
    // A missing reference is refused inside the transaction, after the version row was prepared.
    await expect(
      createPromptVersion(
        project.id,
        actor,
        {
          name: "broken",
          type: "text",
          config: {},
          prompt: "@@@langfusePrompt:name=missing|label=production@@@",
          labels: [],
        },
        TEST_AUDIT,
      ),
    ).rejects.toThrow();
    expect(await prisma.webhookDelivery.count({ where: { projectId: project.id } })).toBe(0);
    // A transaction that fails after its events were recorded takes them with it.
    await expect(
      inPromptTransaction(project.id, async (tx) => {
        await recordWebhookEvents(tx, project.id, [
          {
            type: "prompt.version.created",
            data: { name: "x", version: 1, type: "text", labels: [], tags: [], commitMessage: null, createdBy: null },
          },
        ]);
        expect(await tx.webhookDelivery.count({ where: { projectId: project.id } })).toBe(1);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.webhookDelivery.count({ where: { projectId: project.id } })).toBe(0);

    await createPromptVersion(
      project.id,
      actor,
      { name: "ok", type: "text", config: {}, prompt: "hi", labels: ["production"] },
      TEST_AUDIT,
    );
    // Subscribed to created + deleted only: the production label set at creation sends no label event.
    const rows = await prisma.webhookDelivery.findMany({ where: { projectId: project.id } });
    expect(rows.map((r) => r.eventType)).toEqual(["prompt.version.created"]);
    // The job was enqueued after the commit, under the delivery's id.
    expect(await getQueue("webhooks.deliver").getJobState(rows[0]?.id ?? "")).not.toBe("unknown");

    await deletePrompt(project.id, actor, "ok", {}, TEST_AUDIT);
    const deleted = await prisma.webhookDelivery.findFirstOrThrow({ where: { projectId: project.id, eventType: "prompt.deleted" } });
    expect(deleted.payload).toMatchObject({ data: { name: "ok", versions: [1] } });

    // A disabled webhook gets nothing; another project's changes never reach it.
    await updateWebhook(project.id, admin, hook.id, { enabled: false });
    await createPromptVersion(project.id, actor, { name: "quiet", type: "text", config: {}, prompt: "hi", labels: [] }, TEST_AUDIT);
    const other = await setup();
    await createPromptVersion(
      other.project.id,
      other.actor,
      { name: "quiet", type: "text", config: {}, prompt: "hi", labels: [] },
      TEST_AUDIT,
    );
    expect(await prisma.webhookDelivery.count({ where: { webhookId: hook.id } })).toBe(2);
  });

  it("emits a label move with the version it came from, and not for a label that stays put", async () => {
    const { project, admin, actor } = await setup();
    await createWebhook(project.id, admin, { ...body, events: ["prompt.label.moved"] });
    await createPromptVersion(
      project.id,
      actor,
      { name: "p", type: "text", config: {}, prompt: "one", labels: ["production"] },
      TEST_AUDIT,
    );
    await createPromptVersion(project.id, actor, { name: "p", type: "text", config: {}, prompt: "two", labels: [] }, TEST_AUDIT);
    await updatePromptLabels(project.id, actor, "p", 2, ["production"], TEST_AUDIT);
    await updatePromptLabels(project.id, actor, "p", 2, ["production"], TEST_AUDIT); // already there: no event
    await updatePromptLabels(project.id, actor, "p", 1, ["production"], TEST_AUDIT); // rollback
    const moves = await prisma.webhookDelivery.findMany({ where: { projectId: project.id }, orderBy: { createdAt: "asc" } });
    expect(moves.map((m) => (m.payload as { data: unknown }).data)).toMatchObject([
      { name: "p", label: "production", version: 1, previousVersion: null },
      { name: "p", label: "production", version: 2, previousVersion: 1 },
      { name: "p", label: "production", version: 1, previousVersion: 2 },
    ]);
  });

  it("keeps each project's webhooks and deliveries to itself", async () => {
    const a = await setup();
    const b = await setup();
    const hook = await createWebhook(a.project.id, a.admin, body);
    expect((await rejection(updateWebhook(b.project.id, b.admin, hook.id, { enabled: false }))).status).toBe(404);
    expect((await rejection(sendWebhookTestEvent(b.project.id, b.admin, hook.id))).status).toBe(404);
    expect((await rejection(listWebhookDeliveries(b.project.id, b.admin, hook.id, { page: 1, limit: 50 }))).status).toBe(404);
    expect((await rejection(deleteWebhook(b.project.id, b.admin, hook.id, TEST_AUDIT))).status).toBe(404);
    expect(await listWebhooks(b.project.id, b.admin)).toEqual([]);
  });

  it("sweeps up a delivery whose job was lost", async () => {
    const { project, admin } = await setup();
    const hook = await createWebhook(project.id, admin, body);
    const ping = await sendWebhookTestEvent(project.id, admin, hook.id);
    const queue = getQueue("webhooks.deliver");
    await queue.remove(ping.id); // what an empty Redis leaves behind
    expect(await queue.getJobState(ping.id)).toBe("unknown");
    expect(await sweepWebhookDeliveries(0)).toBeGreaterThanOrEqual(1);
    expect(await queue.getJobState(ping.id)).not.toBe("unknown");
  });
});
