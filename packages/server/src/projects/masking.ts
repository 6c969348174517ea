import { type TMaskingSettings, ZMaskingRule } from "@loupe/contracts";
import { getProjectMaskingSettings, updateProjectMaskingSettings } from "@loupe/db";
import { type CustomMaskingRule, compileMaskingRules, maskJson } from "@loupe/domain";
import { z } from "zod";
import { notFound } from "../errors.ts";

type Compiled = { enabled: boolean; rules: ReturnType<typeof compileMaskingRules>; expiresAt: number };
// Read on every ingestion request, so cached briefly; a change applies within seconds everywhere.
const CACHE_TTL_MS = 5_000;
const cache = new Map<string, Compiled>();

function toSettings(row: { piiMaskingEnabled: boolean; piiMaskingRules: unknown }): TMaskingSettings {
  const rules = z.array(ZMaskingRule).safeParse(row.piiMaskingRules);
  return { enabled: row.piiMaskingEnabled, customRules: rules.success ? rules.data : [] };
}

export async function getMaskingSettings(projectId: string): Promise<TMaskingSettings> {
  const row = await getProjectMaskingSettings(projectId);
  if (!row) throw notFound("Project");
  return toSettings(row);
}

export async function updateMaskingSettings(projectId: string, settings: TMaskingSettings): Promise<TMaskingSettings> {
  const row = await updateProjectMaskingSettings(projectId, { piiMaskingEnabled: settings.enabled, piiMaskingRules: settings.customRules });
  cache.delete(projectId);
  return toSettings(row);
}

async function compiledFor(projectId: string): Promise<Compiled> {
  const hit = cache.get(projectId);
  if (hit && hit.expiresAt > Date.now()) return hit;
  const settings = await getMaskingSettings(projectId);
  const compiled = {
    enabled: settings.enabled,
    rules: compileMaskingRules(settings.customRules as CustomMaskingRule[]),
    expiresAt: Date.now() + CACHE_TTL_MS,
  };
  cache.set(projectId, compiled);
  return compiled;
}

const MASKED_FIELDS = ["input", "output", "metadata"] as const;

/** Masks input, output and metadata of event bodies when the project has masking on. */
export async function maskEventBodies<E extends { body: Record<string, unknown> }>(projectId: string, events: E[]): Promise<E[]> {
  const { enabled, rules } = await compiledFor(projectId);
  if (!enabled) return events;
  return events.map((event) => {
    const body = { ...event.body };
    for (const field of MASKED_FIELDS) if (body[field] !== undefined) body[field] = maskJson(body[field], rules);
    return { ...event, body };
  });
}
