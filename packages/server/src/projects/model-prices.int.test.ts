import { randomUUID } from "node:crypto";
import type { TCreateModelBody } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import { createModelPrice, deleteModelPrice, listModelPrices, matchModelName, updateModelPrice } from "./model-prices.ts";

afterAll(async () => {
  await closeQueues();
});

let projectId: string;
const admin = () => ({ projectId, role: "ADMIN" as const });
const body = (over: Partial<TCreateModelBody> = {}): TCreateModelBody => ({
  modelName: "acme-chat",
  matchPattern: "(?i)^(acme/)?acme-chat(-\\d{4})?$",
  unit: "TOKENS",
  tokenizerId: "openai",
  pricingTiers: [{ name: "Standard", isDefault: true, priority: 0, conditions: [], prices: { input: 0.000001, output: 0.000002 } }],
  ...over,
});

beforeEach(async () => {
  projectId = (await createProjectWithKeys()).project.id;
});

describe("model prices (settings)", () => {
  it("lists project models before the built-in catalog", async () => {
    const created = await createModelPrice(admin(), body(), TEST_AUDIT);
    // Settings changes are audited: the saved model as it was stored.
    expect(await prisma.auditLog.findMany({ where: { projectId, action: "model.created" }, select: { resourceId: true } })).toEqual([
      { resourceId: created.id },
    ]);
    const { data } = await listModelPrices(projectId);
    expect(data[0]).toMatchObject({ id: created.id, modelName: "acme-chat", isLangfuseManaged: false, tokenizerId: "openai" });
    expect(data[0]?.prices).toEqual({ input: { price: 0.000001 }, output: { price: 0.000002 } });
    expect(data.find((m) => m.modelName === "gpt-4o-mini")).toMatchObject({ isLangfuseManaged: true });
  });

  it("tests a name against the patterns: project model, built-in, or none", async () => {
    const created = await createModelPrice(admin(), body(), TEST_AUDIT);
    expect((await matchModelName(projectId, "ACME/acme-chat-2026")).match).toMatchObject({ id: created.id, modelName: "acme-chat" });
    expect((await matchModelName(projectId, "openai/gpt-4o-mini")).match).toMatchObject({
      modelName: "gpt-4o-mini",
      isLangfuseManaged: true,
    });
    expect(await matchModelName(projectId, "acme-chat-xl")).toEqual({ modelName: "acme-chat-xl", match: null });
    // A project model with a built-in's name overrides it for matching.
    const override = await createModelPrice(admin(), body({ modelName: "gpt-4o-mini", matchPattern: "(?i)^gpt-4o-mini$" }), TEST_AUDIT);
    expect((await matchModelName(projectId, "gpt-4o-mini")).match?.id).toBe(override.id);
  });

  it("refuses patterns RE2 cannot run or that do not parse with a 400 naming the reason, and writes nothing", async () => {
    const refused: [string, RegExp][] = [
      ["acme(?=-chat)", /matchPattern uses lookahead.*RE2/],
      ["(acme)-\\1", /matchPattern uses backreferences?.*RE2/],
      ["acme-(chat", /matchPattern is not a valid regular expression/],
    ];
    for (const [matchPattern, reason] of refused) {
      const error = await createModelPrice(admin(), body({ matchPattern }), TEST_AUDIT).catch((e: Error) => e);
      expect(error).toMatchObject({ status: 400 });
      expect((error as Error).message).toMatch(reason);
    }
    expect(await prisma.model.count({ where: { projectId } })).toBe(0);
  });

  it("edits and deletes a project model; built-in and other projects' models are refused", async () => {
    const created = await createModelPrice(admin(), body(), TEST_AUDIT);
    const edited = await updateModelPrice(
      admin(),
      created.id,
      body({ pricingTiers: [{ name: "Standard", isDefault: true, priority: 0, conditions: [], prices: { input: 0.000003 } }] }),
      TEST_AUDIT,
    );
    expect(edited.prices).toEqual({ input: { price: 0.000003 } });
    expect((await matchModelName(projectId, "acme-chat")).match?.prices).toEqual({ input: { price: 0.000003 } });

    await expect(updateModelPrice(admin(), "builtin-gpt-4o-mini", body(), TEST_AUDIT)).rejects.toMatchObject({ status: 403 });
    const other = (await createProjectWithKeys()).project.id;
    const theirs = await createModelPrice({ projectId: other, role: "ADMIN" }, body(), TEST_AUDIT);
    await expect(updateModelPrice(admin(), theirs.id, body({ modelName: "mine now" }), TEST_AUDIT)).rejects.toMatchObject({ status: 404 });
    await expect(deleteModelPrice(admin(), theirs.id, TEST_AUDIT)).rejects.toMatchObject({ status: 404 });
    await expect(updateModelPrice(admin(), randomUUID(), body(), TEST_AUDIT)).rejects.toMatchObject({ status: 404 });
    expect((await prisma.model.findUniqueOrThrow({ where: { id: theirs.id } })).modelName).toBe("acme-chat");

    await deleteModelPrice(admin(), created.id, TEST_AUDIT);
    expect((await matchModelName(projectId, "acme-chat")).match).toBeNull();
  });

  it("writes are for ADMIN and up", async () => {
    for (const role of ["MEMBER", "VIEWER", "ANNOTATOR"] as const) {
      await expect(createModelPrice({ projectId, role }, body(), TEST_AUDIT)).rejects.toMatchObject({ status: 403 });
    }
    const created = await createModelPrice({ projectId, role: "OWNER" }, body(), TEST_AUDIT);
    await expect(deleteModelPrice({ projectId, role: "MEMBER" }, created.id, TEST_AUDIT)).rejects.toMatchObject({ status: 403 });
    expect(await prisma.model.count({ where: { projectId } })).toBe(1);
  });
});
