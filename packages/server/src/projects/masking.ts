import { type TMaskingSettings, ZMaskingRule } from "@loupe/contracts";
import { getProjectMaskingSettings, prisma, updateProjectMaskingSettings } from "@loupe/db";
import { type CompiledMaskingRule, type CustomMaskingRule, compileMaskingRules, maskEventBody, maskingPatternProblem } from "@loupe/domain";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { z } from "zod";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { badRequest, notFound } from "../errors.ts";
import { logger } from "../logger.ts";
import { RefreshingCache } from "../refreshing-cache.ts";

type Compiled = { enabled: boolean; rules: CompiledMaskingRule[]; source: CustomMaskingRule[] };
// Read on every ingestion request, so cached briefly (and refreshed by one read while the expired entry
// still answers); a save applies at once in its process and within 5 s (plus one request) everywhere.
// On globalThis: the web process holds two copies of this module (Next's bundle, which saves settings, and
// the Node server's, which answers the ingestion POST; ADR 0005), and a save must clear the one cache both
// read, or the Node server would mask with the old settings until the entry expired.
const holder = globalThis as typeof globalThis & { loupeMaskingCache?: RefreshingCache<Compiled> };
holder.loupeMaskingCache ??= new RefreshingCache(compile, { ttlMs: 5_000, staleMs: 10_000, maxEntries: 10_000 });
const cache = holder.loupeMaskingCache;
/** Stored rules RE2 cannot compile, already logged (once per process, not on every cache refresh). */
const loggedInvalidRules = new Set<string>();

function toSettings(row: { piiMaskingEnabled: boolean; piiMaskingRules: unknown }): TMaskingSettings {
  const rules = z.array(ZMaskingRule).safeParse(row.piiMaskingRules);
  return { enabled: row.piiMaskingEnabled, customRules: rules.success ? rules.data : [] };
}

export async function getMaskingSettings(projectId: string): Promise<TMaskingSettings> {
  const row = await getProjectMaskingSettings(projectId);
  if (!row) throw notFound("Project");
  return toSettings(row);
}

/** Saves the settings; a rule whose pattern RE2 cannot run answers 400 naming the rule and why. */
export async function updateMaskingSettings(projectId: string, settings: TMaskingSettings, audit: AuditContext): Promise<TMaskingSettings> {
  for (const [index, rule] of settings.customRules.entries()) {
    const problem = maskingPatternProblem(rule.pattern);
    if (problem) throw badRequest(`Rule ${index + 1} ("${rule.name}"): the pattern ${problem}`);
  }
  const before = await getMaskingSettings(projectId);
  const row = await prisma.$transaction(async (tx) => {
    const updated = await updateProjectMaskingSettings(
      projectId,
      { piiMaskingEnabled: settings.enabled, piiMaskingRules: settings.customRules },
      tx,
    );
    await recordAudit(tx, audit, {
      action: "masking.updated",
      projectId,
      resource: { type: "project", id: projectId },
      before,
      after: toSettings(updated),
    });
    return updated;
  });
  cache.forget(projectId);
  return toSettings(row);
}

const compiledFor = (projectId: string): Promise<Compiled> => cache.get(projectId);

async function compile(projectId: string): Promise<Compiled> {
  const settings = await getMaskingSettings(projectId);
  const { rules, invalid } = compileMaskingRules(settings.customRules as CustomMaskingRule[]);
  for (const rule of invalid) {
    const key = `${projectId}\u0000${rule.name}`;
    if (loggedInvalidRules.has(key)) continue;
    loggedInvalidRules.add(key);
    logger.warn({ projectId, rule: rule.name, reason: rule.reason }, "stored masking rule cannot run on RE2 and masks nothing; edit it");
  }
  return { enabled: settings.enabled, rules, source: settings.customRules as CustomMaskingRule[] };
}

/**
 * The project's masking settings as plain data (cached like the compiled rules), for code that masks
 * elsewhere: the web process's ingestion threads compile the rules themselves.
 */
export async function maskingRulesFor(projectId: string): Promise<{ enabled: boolean; rules: CustomMaskingRule[] }> {
  const { enabled, source } = await compiledFor(projectId);
  return { enabled, rules: source };
}

/** Masking yields to other requests (health checks, other tenants) after this much work in a row. */
const YIELD_AFTER_MS = 5;

/**
 * Masks input, output and metadata of event bodies when the project has masking on. Each event gets a
 * time budget (MASKING_BUDGET): past it, its unmasked fields are replaced by a marker and the event is
 * flagged, never stored unmasked.
 */
export async function maskEventBodies<E extends { id: string; body: Record<string, unknown> }>(
  projectId: string,
  events: E[],
): Promise<E[]> {
  const { enabled, rules } = await compiledFor(projectId);
  if (!enabled) return events;
  const out: E[] = [];
  let sliceStart = performance.now();
  for (const event of events) {
    const { body, budgetExceeded } = maskEventBody(event.body, rules);
    if (budgetExceeded) logger.warn({ projectId, eventId: event.id }, "masking ran out of its time budget; unmasked fields were redacted");
    out.push({ ...event, body });
    if (performance.now() - sliceStart > YIELD_AFTER_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return out;
}
