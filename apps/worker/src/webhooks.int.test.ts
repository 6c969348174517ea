import { createHmac, timingSafeEqual } from "node:crypto";
import { prisma } from "@loupe/db";
import { createTestUser } from "@loupe/db/testing";
import { closeQueues } from "@loupe/jobs";
import {
  createPromptVersion,
  createWebhook,
  redeliverWebhook,
  sendWebhookTestEvent,
  updatePromptLabels,
  WEBHOOK_MAX_ATTEMPTS,
} from "@loupe/server";
import { createProjectWithKeys, TEST_AUDIT } from "@loupe/server/testing";
import { startWebhookReceiver, type WebhookReceiver } from "@loupe/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startWorker, type TestProcess, waitUntil } from "./testing/processes.ts";

// Webhooks end to end on the real worker process and queue, against a real HTTP receiver on
// loopback. Retry delays are scaled down (the producer sets them on each job) so eight attempts take
// seconds; the schedule's shape (exponential) stays.
let worker: TestProcess;
let receiver: WebhookReceiver;

beforeAll(async () => {
  vi.stubEnv("LOUPE_JOB_BACKOFF_SCALE", "0.01");
  await closeQueues(); // queues built before the stub would keep the full delays
  [worker, receiver] = await Promise.all([startWorker(), startWebhookReceiver()]);
});

afterAll(async () => {
  if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
  await Promise.all([closeQueues(), receiver.close()]);
  vi.unstubAllEnvs();
});

/** What a receiver does with X-Loupe-Signature: recompute the HMAC over "<t>.<raw body>" and compare. */
function verifySignature(secret: string, header: string, rawBody: string): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=") as [string, string]));
  if (!parts.t || !parts.v1) return false;
  const expected = createHmac("sha256", secret).update(`${parts.t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function setup(format: "json" | "slack" = "json") {
  const { project } = await createProjectWithKeys();
  const user = await createTestUser({ passwordHash: null });
  await prisma.user.update({ where: { id: user.id }, data: { name: "Ada Admin" } });
  const admin = { userId: user.id, role: "ADMIN" as const };
  const hook = await createWebhook(project.id, admin, {
    name: "receiver",
    url: `${receiver.url}?project=${project.id}`,
    format,
    events: ["prompt.version.created", "prompt.label.moved", "prompt.deleted"],
  });
  const forProject = () => receiver.received.filter((r) => r.path.includes(project.id));
  return { project, admin, hook, actor: { kind: "user" as const, ...admin }, forProject };
}

async function settled(projectId: string, count = 1) {
  let rows: Awaited<ReturnType<typeof prisma.webhookDelivery.findMany>> = [];
  await waitUntil(
    async () => {
      rows = await prisma.webhookDelivery.findMany({ where: { projectId }, orderBy: { createdAt: "asc" } });
      return rows.length >= count && rows.every((r) => r.status === "succeeded" || r.status === "failed");
    },
    30_000,
    () => `deliveries: ${JSON.stringify(rows)}\nworker output:\n${worker.output()}`,
  );
  return rows;
}

describe("webhooks on the worker", () => {
  it("signs the event, retries after 500s with growing delays, and logs the attempts", async () => {
    const { project, hook, actor, forProject } = await setup();
    receiver.failWith(500, 2);
    await createPromptVersion(
      project.id,
      actor,
      {
        name: "support/triage",
        type: "text",
        config: {},
        prompt: "Hello {{name}}",
        labels: [],
        commitMessage: "first",
      },
      TEST_AUDIT,
    );

    const [delivery] = await settled(project.id);
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 3, responseStatus: 200, lastError: null });
    expect(delivery?.latencyMs).toBeGreaterThanOrEqual(0);
    const received = forProject();
    expect(received).toHaveLength(3);
    // Exponential backoff: 5 s and 10 s, scaled by 0.01 here. Load only makes the gaps longer.
    const [a, b, c] = received.map((r) => r.at) as [number, number, number];
    expect(b - a).toBeGreaterThanOrEqual(45);
    expect(c - b).toBeGreaterThanOrEqual(95);

    const last = received[2];
    const signature = last?.headers["x-loupe-signature"] as string;
    expect(verifySignature(hook.secret, signature, last?.rawBody ?? "")).toBe(true);
    expect(verifySignature("whsec_wrong", signature, last?.rawBody ?? "")).toBe(false);
    expect(verifySignature(hook.secret, signature, `${last?.rawBody} `)).toBe(false);
    expect(last?.headers["x-loupe-event"]).toBe("prompt.version.created");
    expect(last?.headers["x-loupe-delivery"]).toBe(delivery?.id);
    expect(JSON.parse(last?.rawBody ?? "")).toMatchObject({
      type: "prompt.version.created",
      projectId: project.id,
      data: { name: "support/triage", version: 1, type: "text", labels: ["latest"], commitMessage: "first", createdBy: "Ada Admin" },
    });
  });

  it(`fails for good after ${WEBHOOK_MAX_ATTEMPTS} attempts, says why in the log, and redelivers on request`, async () => {
    const { project, admin, hook, forProject } = await setup();
    receiver.failWith(503, WEBHOOK_MAX_ATTEMPTS);
    const ping = await sendWebhookTestEvent(project.id, admin, hook.id);
    expect(ping.status).toBe("pending");

    const [failed] = await settled(project.id);
    expect(failed).toMatchObject({ status: "failed", attempts: WEBHOOK_MAX_ATTEMPTS, responseStatus: 503 });
    expect(failed?.lastError).toBe("Answered 503: receiver says 503");
    expect(failed?.completedAt).not.toBeNull();
    expect(forProject()).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    expect(JSON.parse(forProject()[0]?.rawBody ?? "")).toMatchObject({ type: "ping" });

    // The receiver is fixed: "Redeliver" sends the same event again as a new delivery.
    const again = await redeliverWebhook(project.id, admin, hook.id, failed?.id ?? "");
    expect(again).toMatchObject({ redeliveryOf: failed?.id, eventId: failed?.eventId, status: "pending" });
    const rows = await settled(project.id, 2);
    expect(rows.find((r) => r.id === again.id)).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(forProject()).toHaveLength(WEBHOOK_MAX_ATTEMPTS + 1);
  });

  it("posts a Slack message (text and blocks) instead of the raw event for a Slack webhook", async () => {
    const { project, actor, forProject } = await setup("slack");
    await createPromptVersion(
      project.id,
      actor,
      {
        name: "greeting",
        type: "text",
        config: {},
        prompt: "v1 <!channel>",
        labels: ["production"],
      },
      TEST_AUDIT,
    );
    await createPromptVersion(project.id, actor, { name: "greeting", type: "text", config: {}, prompt: "v2", labels: [] }, TEST_AUDIT);
    await updatePromptLabels(project.id, actor, "greeting", 2, ["production"], TEST_AUDIT);
    await settled(project.id, 4); // two versions created, production set on v1 then moved to v2

    const bodies = forProject().map((r) => JSON.parse(r.rawBody) as { text: string; blocks: unknown[]; type?: string });
    expect(bodies.every((b) => typeof b.text === "string" && Array.isArray(b.blocks) && b.type === undefined)).toBe(true);
    expect(bodies.map((b) => b.text)).toEqual(
      expect.arrayContaining([
        "New version 1 of prompt `greeting` with `production`",
        "Label `production` of prompt `greeting` moved to version 1",
        "Label `production` of prompt `greeting` moved to version 2 (was version 1)",
      ]),
    );
  });
});
