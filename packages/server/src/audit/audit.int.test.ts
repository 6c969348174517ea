import { prisma } from "@loupe/db";
import { describe, expect, it } from "vitest";
import { applyAuditRetention, type AuditContext, recordAudit, verifyAuditChain } from "./audit.ts";

// The chain is global and other test files append to it at the same time, so every test that breaks
// it puts the row back before it ends.
const ctx: AuditContext = { actor: { type: "user", id: "u-audit", email: "auditor@example.com" }, ip: "203.0.113.9" };

async function append(note: string, projectId = "p-audit") {
  await recordAudit(undefined, ctx, {
    action: "apiKey.created",
    projectId,
    resource: { type: "apiKey", id: note },
    after: { note, nested: { b: 2, a: [1, "x"] } },
  });
  return prisma.auditLog.findFirstOrThrow({ where: { resourceId: note } });
}

describe("audit chain", () => {
  it("links each row to the one before and verifies", async () => {
    const a = await append("link-a");
    const b = await append("link-b");
    expect(b.prevHash).toBe(a.hash);
    expect(b.seq).toBeGreaterThan(a.seq);
    expect(b.actorEmail).toBe("auditor@example.com");
    expect(b.ip).toBe("203.0.113.9");
    expect(await verifyAuditChain()).toMatchObject({ ok: true, broken: null });
  });

  it("names the row whose content was changed with SQL", async () => {
    const row = await append("tamper-me");
    await append("after-tamper");
    await prisma.$executeRaw`UPDATE "AuditLog" SET "after" = '{"note":"forged"}'::jsonb WHERE "id" = ${row.id}`;
    try {
      const result = await verifyAuditChain();
      expect(result.ok).toBe(false);
      expect(result.broken).toMatchObject({ rowId: row.id, kind: "content", createdAt: row.createdAt.toISOString() });
    } finally {
      await prisma.$executeRaw`UPDATE "AuditLog" SET "after" = ${JSON.stringify(row.after)}::jsonb WHERE "id" = ${row.id}`;
    }
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("names the gap left by a deleted row", async () => {
    const gone = await append("delete-me");
    const next = await append("after-delete");
    await prisma.auditLog.delete({ where: { id: gone.id } });
    try {
      const result = await verifyAuditChain();
      expect(result.broken).toMatchObject({ rowId: next.id, kind: "link" });
      expect(result.broken?.message).toMatch(/deleted/);
    } finally {
      await prisma.auditLog.create({ data: { ...gone, before: gone.before ?? undefined, after: gone.after ?? undefined } });
    }
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("keeps one chain under 20 appends in parallel", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => append(`parallel-${i}`, "p-parallel")));
    const rows = await prisma.auditLog.findMany({ where: { projectId: "p-parallel" }, orderBy: { seq: "asc" } });
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(20);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("leaves no row when the change's transaction rolls back", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await recordAudit(tx, ctx, { action: "masking.updated", projectId: "p-rollback", resource: { type: "project", id: "p-rollback" } });
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await prisma.auditLog.count({ where: { projectId: "p-rollback" } })).toBe(0);
  });

  it("still verifies after retention removed the oldest rows, anchored at the first kept row", async () => {
    await append("retention-old");
    const kept = await append("retention-kept");
    // As if 400 days had passed since `kept` was written: everything before it goes.
    const deleted = await applyAuditRetention(new Date(kept.createdAt.getTime() + 400 * 86_400_000), 3);
    expect(deleted).toBeGreaterThan(0);
    expect(await prisma.auditLog.count({ where: { resourceId: "retention-old" } })).toBe(0);
    const result = await verifyAuditChain();
    expect(result).toMatchObject({ ok: true, anchor: { rowId: kept.id, genesis: false } });
  });
});
