import { randomUUID } from "node:crypto";
import { ZCreateModelBody, ZCreateScoreBody, ZCreateScoreConfigBody, ZUpdateScoreConfigBody } from "@loupe/contracts";
import { prisma } from "@loupe/db";
import { BUILTIN_MODELS } from "@loupe/domain";
import { closeQueues } from "@loupe/jobs";
import { afterAll, describe, expect, it } from "vitest";
import { acceptIngestionBatch } from "../ingestion/accept-batch.ts";
import { processIngestionBatch } from "../ingestion/process-batch.ts";
import { createProjectWithKeys, TEST_AUDIT } from "../testing.ts";
import { createPublicScore } from "./create-score.ts";
import { deletePublicScore } from "./delete-score.ts";
import { getPublicScore } from "./list-scores.ts";
import { createPublicModel, deletePublicModel, getPublicModel, listPublicModels, upsertPublicModel } from "./models.ts";
import { createPublicScoreConfig, getPublicScoreConfig, listPublicScoreConfigs, updatePublicScoreConfig } from "./score-configs.ts";

afterAll(async () => {
  await closeQueues();
});

async function processPending(projectId: string) {
  const stored = await prisma.ingestionBatch.findMany({ where: { projectId, processedAt: null } });
  for (const b of stored) await processIngestionBatch(b.id);
}

describe("models API", () => {
  it("lists project models before the built-ins, with totals", async () => {
    const { project } = await createProjectWithKeys();
    const created = await createPublicModel(
      project.id,
      ZCreateModelBody.parse({ modelName: "my-llm", matchPattern: "(?i)^my-llm$", inputPrice: 0.001, outputPrice: 0.002 }),
      TEST_AUDIT,
    );
    expect(created).toMatchObject({
      modelName: "my-llm",
      isLangfuseManaged: false,
      inputPrice: 0.001,
      outputPrice: 0.002,
      totalPrice: null,
      unit: "TOKENS",
      prices: { input: { price: 0.001 }, output: { price: 0.002 } },
      pricingTiers: [{ name: "Standard", isDefault: true, priority: 0, conditions: [] }],
    });
    const page1 = await listPublicModels(project.id, { page: 1, limit: 10 });
    expect(page1.meta.totalItems).toBe(BUILTIN_MODELS.length + 1);
    expect(page1.data[0]?.id).toBe(created.id);
    expect(page1.data[1]?.isLangfuseManaged).toBe(true);
    expect(await getPublicModel(project.id, "builtin-gpt-4o")).toMatchObject({
      isLangfuseManaged: true,
      modelName: "gpt-4o",
      inputPrice: 2.5e-6,
    });
    expect(await getPublicModel(project.id, created.id)).toEqual(created);

    const other = await createProjectWithKeys();
    await expect(getPublicModel(other.project.id, created.id)).rejects.toMatchObject({ status: 404 });
    await expect(deletePublicModel(other.project.id, created.id, TEST_AUDIT)).rejects.toMatchObject({ status: 404 });
    expect((await listPublicModels(other.project.id, { page: 1, limit: 1 })).meta.totalItems).toBe(BUILTIN_MODELS.length);
  });

  it("validates flat prices, tiers and regexes", async () => {
    const { project } = await createProjectWithKeys();
    const parse = (b: Record<string, unknown>) => ZCreateModelBody.safeParse({ modelName: "m", matchPattern: "^m$", ...b }).success;
    expect(parse({})).toBe(false);
    expect(parse({ totalPrice: 1, inputPrice: 1 })).toBe(false);
    expect(parse({ inputPrice: 1, pricingTiers: [{ name: "a", isDefault: true, priority: 0, prices: { input: 1 } }] })).toBe(false);
    expect(parse({ inputPrice: -1 })).toBe(false);
    const create = (b: Record<string, unknown>) =>
      createPublicModel(project.id, ZCreateModelBody.parse({ modelName: "m", matchPattern: "^m$", ...b }), TEST_AUDIT);
    await expect(create({ matchPattern: "(unclosed", inputPrice: 1 })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("matchPattern"),
    });
    await expect(
      create({ pricingTiers: [{ name: "a", isDefault: false, priority: 1, conditions: [], prices: { input: 1 } }] }),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("exactly one pricing tier must be the default"),
    });
    await expect(
      create({
        pricingTiers: [
          { name: "a", isDefault: true, priority: 0, prices: { input: 1 } },
          { name: "b", isDefault: true, priority: 1, prices: { input: 2 } },
        ],
      }),
    ).rejects.toMatchObject({ status: 400 });
    const tiered = await create({
      pricingTiers: [
        { name: "Standard", isDefault: true, priority: 0, prices: { input: 1, output: 2 } },
        {
          name: "Large",
          isDefault: false,
          priority: 1,
          conditions: [{ usageDetailPattern: "input", operator: "gt", value: 1000 }],
          prices: { input: 2, output: 4 },
        },
      ],
    });
    expect(tiered.pricingTiers.map((t) => t.name)).toEqual(["Standard", "Large"]);
  });

  it("project models override built-ins for cost right after create, and stop after delete", async () => {
    const { project } = await createProjectWithKeys();
    const pid = project.id;
    const model = await createPublicModel(
      pid,
      ZCreateModelBody.parse({ modelName: "gpt-4o", matchPattern: "(?i)^gpt-4o$", inputPrice: 1, outputPrice: 2 }),
      TEST_AUDIT,
    );
    const obsId = randomUUID();
    const now = new Date().toISOString();
    const batch = [
      { id: randomUUID(), type: "trace-create", timestamp: now, body: { id: "t1" } },
      {
        id: randomUUID(),
        type: "generation-create",
        timestamp: now,
        body: { id: obsId, traceId: "t1", model: "gpt-4o", usageDetails: { input: 10, output: 5 } },
      },
    ];
    await acceptIngestionBatch({ projectId: pid, scope: "project" }, { batch });
    await processPending(pid);
    let obs = await prisma.observation.findUniqueOrThrow({ where: { projectId_id: { projectId: pid, id: obsId } } });
    expect(obs.matchedModelId).toBe(model.id);
    expect(Number(obs.totalCost)).toBe(20);

    expect(await deletePublicModel(pid, model.id, TEST_AUDIT)).toEqual({ message: "Model successfully deleted" });
    // The next event for the generation reprices it with the built-in model.
    const update = { id: randomUUID(), type: "generation-update", timestamp: new Date().toISOString(), body: { id: obsId, traceId: "t1" } };
    await acceptIngestionBatch({ projectId: pid, scope: "project" }, { batch: [update] });
    await processPending(pid);
    obs = await prisma.observation.findUniqueOrThrow({ where: { projectId_id: { projectId: pid, id: obsId } } });
    expect(obs.matchedModelId).toBe("builtin-gpt-4o");
  });

  it("upserts a project model by id (PUT): creates, then replaces fields and tiers", async () => {
    const { project } = await createProjectWithKeys();
    const put = (id: string, b: Record<string, unknown>, pid = project.id) =>
      upsertPublicModel(pid, id, ZCreateModelBody.parse({ modelName: "house-llm", matchPattern: "(?i)^house-llm$", ...b }), TEST_AUDIT);
    const id = `model-${randomUUID()}`;
    const created = await put(id, { inputPrice: 1, outputPrice: 2 });
    expect(created).toMatchObject({ id, modelName: "house-llm", inputPrice: 1, outputPrice: 2, isLangfuseManaged: false });
    const replaced = await put(id, {
      matchPattern: "(?i)^house-llm(-v2)?$",
      pricingTiers: [
        { name: "Standard", isDefault: true, priority: 0, conditions: [], prices: { input: 3, output: 4 } },
        {
          name: "Long",
          isDefault: false,
          priority: 1,
          conditions: [{ usageDetailPattern: "input", operator: "gt", value: 1000, caseSensitive: false }],
          prices: { input: 6, output: 8 },
        },
      ],
    });
    expect(replaced).toMatchObject({
      id,
      matchPattern: "(?i)^house-llm(-v2)?$",
      inputPrice: 3,
      outputPrice: 4,
      prices: { input: { price: 3 } },
    });
    expect(replaced.pricingTiers.map((t) => t.name)).toEqual(["Standard", "Long"]);
    expect(await getPublicModel(project.id, id)).toEqual(replaced);
    expect((await listPublicModels(project.id, { page: 1, limit: 100 })).data.filter((m) => m.id === id)).toHaveLength(1);

    await expect(put("builtin-gpt-4o", { inputPrice: 1 })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("cannot be modified"),
    });
    await expect(put(id, { inputPrice: 1, matchPattern: "(bad" })).rejects.toMatchObject({ status: 400 });
    const other = await createProjectWithKeys();
    await expect(put(id, { inputPrice: 9 }, other.project.id)).rejects.toMatchObject({ status: 409 });
    expect((await getPublicModel(project.id, id)).inputPrice).toBe(3);
    // modelName + startDate are unique per project: a clear 409, not a 500.
    const dated = { startDate: "2026-01-01T00:00:00Z", inputPrice: 1 };
    await createPublicModel(project.id, ZCreateModelBody.parse({ modelName: "dated", matchPattern: "^dated$", ...dated }), TEST_AUDIT);
    await expect(
      createPublicModel(project.id, ZCreateModelBody.parse({ modelName: "dated", matchPattern: "^dated$", ...dated }), TEST_AUDIT),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("refuses to delete built-in models with a clear message", async () => {
    const { project } = await createProjectWithKeys();
    await expect(deletePublicModel(project.id, "builtin-gpt-4o", TEST_AUDIT)).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining("built-in model managed by Loupe"),
    });
  });
});

describe("score configs API", () => {
  it("creates, lists and gets configs; validates bodies", async () => {
    const { project } = await createProjectWithKeys();
    const bool = await createPublicScoreConfig(project.id, ZCreateScoreConfigBody.parse({ name: "correct", dataType: "BOOLEAN" }));
    expect(bool.categories).toEqual([
      { value: 1, label: "True" },
      { value: 0, label: "False" },
    ]);
    const num = await createPublicScoreConfig(
      project.id,
      ZCreateScoreConfigBody.parse({ name: "rating (1-5)", dataType: "NUMERIC", minValue: 1, maxValue: 5 }),
    );
    expect(num).toMatchObject({ projectId: project.id, minValue: 1, maxValue: 5, isArchived: false, description: null });
    await expect(
      createPublicScoreConfig(project.id, ZCreateScoreConfigBody.parse({ name: "correct", dataType: "TEXT" })),
    ).rejects.toMatchObject({ status: 409 });
    const list = await listPublicScoreConfigs(project.id, { page: 1, limit: 1 });
    expect(list.meta).toEqual({ page: 1, limit: 1, totalItems: 2, totalPages: 2 });
    expect(await getPublicScoreConfig(project.id, bool.id)).toEqual(bool);
    const other = await createProjectWithKeys();
    await expect(getPublicScoreConfig(other.project.id, bool.id)).rejects.toMatchObject({ status: 404 });

    const bad = (b: Record<string, unknown>) => ZCreateScoreConfigBody.safeParse(b).success;
    expect(bad({ name: "x".repeat(36), dataType: "NUMERIC" })).toBe(false);
    expect(bad({ name: "a/b", dataType: "NUMERIC" })).toBe(false);
    expect(bad({ name: "c", dataType: "CATEGORICAL" })).toBe(false);
    expect(bad({ name: "c", dataType: "BOOLEAN", categories: [{ value: 1, label: "y" }] })).toBe(false);
    expect(bad({ name: "n", dataType: "NUMERIC", minValue: 5, maxValue: 1 })).toBe(false);
  });
  it("updates and archives configs, checking the merged config", async () => {
    const { project } = await createProjectWithKeys();
    const create = (b: Record<string, unknown>) => createPublicScoreConfig(project.id, ZCreateScoreConfigBody.parse(b));
    const update = (id: string, b: Record<string, unknown>, pid = project.id) =>
      updatePublicScoreConfig(pid, id, ZUpdateScoreConfigBody.parse(b));
    const num = await create({ name: "rating", dataType: "NUMERIC", minValue: 1, maxValue: 5 });
    const cat = await create({ name: "tone", dataType: "CATEGORICAL", categories: [{ value: 0, label: "rude" }] });
    const bool = await create({ name: "correct", dataType: "BOOLEAN" });

    const archived = await update(num.id, { isArchived: true, description: "retired", maxValue: 10 });
    expect(archived).toMatchObject({ id: num.id, isArchived: true, description: "retired", minValue: 1, maxValue: 10, name: "rating" });
    expect(Date.parse(archived.updatedAt)).toBeGreaterThanOrEqual(Date.parse(num.updatedAt));
    expect(await getPublicScoreConfig(project.id, num.id)).toEqual(archived);
    expect(await update(num.id, { isArchived: false, minValue: null, name: "rating v2" })).toMatchObject({
      isArchived: false,
      minValue: null,
      maxValue: 10,
      name: "rating v2",
    });
    expect(
      await update(cat.id, {
        categories: [
          { value: 0, label: "rude" },
          { value: 1, label: "kind" },
        ],
      }),
    ).toMatchObject({
      categories: [
        { value: 0, label: "rude" },
        { value: 1, label: "kind" },
      ],
    });
    expect(await update(bool.id, { description: "is it right?" })).toMatchObject({
      categories: bool.categories,
      description: "is it right?",
    });

    // The stored config merged with the patch must still be valid.
    await expect(update(num.id, { minValue: 20 })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("maxValue must be at least minValue"),
    });
    await expect(update(cat.id, { categories: [] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("at least one category"),
    });
    await expect(update(bool.id, { categories: [{ value: 1, label: "yes" }] })).rejects.toMatchObject({ status: 400 });
    await expect(update(bool.id, { minValue: 0 })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("NUMERIC configs only"),
    });
    await expect(update(cat.id, { name: "correct" })).rejects.toMatchObject({ status: 409 });
    expect(ZUpdateScoreConfigBody.safeParse({ dataType: "TEXT" }).error?.issues[0]?.message).toContain("dataType cannot be changed");
    expect(ZUpdateScoreConfigBody.safeParse({ name: "a/b" }).success).toBe(false);
    expect(ZUpdateScoreConfigBody.safeParse({ isArchived: "yes" }).success).toBe(false);

    const other = await createProjectWithKeys();
    await expect(update(num.id, { isArchived: true }, other.project.id)).rejects.toMatchObject({ status: 404 });
    expect((await getPublicScoreConfig(project.id, num.id)).isArchived).toBe(false);
  });
});

describe("scores API", () => {
  it("creates scores through the ingestion path, reads and deletes them", async () => {
    const { project } = await createProjectWithKeys();
    const { id } = await createPublicScore(
      { projectId: project.id },
      ZCreateScoreBody.parse({ traceId: "t-1", name: "accuracy", value: 0.5 }),
    );
    await processPending(project.id);
    expect(await getPublicScore(project.id, id)).toMatchObject({
      id,
      name: "accuracy",
      value: 0.5,
      dataType: "NUMERIC",
      source: "API",
      traceId: "t-1",
    });
    const given = await createPublicScore(
      { projectId: project.id },
      ZCreateScoreBody.parse({ id: "my-id", sessionId: "s", name: "ok", value: "good" }),
    );
    expect(given.id).toBe("my-id");
    expect(await deletePublicScore(project.id, id)).toEqual({ message: "Score deletion queued successfully" });
    await expect(getPublicScore(project.id, id)).rejects.toMatchObject({ status: 404 });
    await expect(deletePublicScore(project.id, id)).rejects.toMatchObject({ status: 404 });
  });

  it("validates like the score-create event", () => {
    const ok = (b: Record<string, unknown>) => ZCreateScoreBody.safeParse(b).success;
    expect(ok({ name: "x", value: 1 })).toBe(false);
    expect(ok({ traceId: "t", sessionId: "s", name: "x", value: 1 })).toBe(false);
    expect(ok({ traceId: "t", name: "x", value: 2, dataType: "BOOLEAN" })).toBe(false);
    expect(ok({ traceId: "t", name: "x", value: 1, source: "EVAL" })).toBe(false);
    expect(ok({ observationId: "o", name: "x", value: 1 })).toBe(false);
    expect(ok({ traceId: "t", name: "x", value: 1, source: "ANNOTATION" })).toBe(true);
  });
});
