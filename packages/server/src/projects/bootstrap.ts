import { z } from "zod";
import {
  createApiKey,
  createOrganization,
  createProject,
  createUser,
  findApiKeyByPublicKey,
  findOrganizationByName,
  findProjectInOrganization,
  findUserByEmail,
  replaceApiKeySecret,
  upsertOrganizationMembership,
} from "@loupe/db";
import { displaySecretKey, hashSecretKey } from "../auth/api-keys.ts";
import { hashPassword, verifyPassword } from "../auth/passwords.ts";
import { changeUserPassword } from "../auth/sessions.ts";

const INIT_NAMES = ["ORG_NAME", "PROJECT_NAME", "PROJECT_PUBLIC_KEY", "PROJECT_SECRET_KEY", "USER_EMAIL", "USER_PASSWORD"] as const;

/**
 * Langfuse's `LANGFUSE_INIT_*` names are accepted for the `LOUPE_INIT_*` settings, so a team moving over keeps
 * its deployment's environment; a `LOUPE_INIT_*` value set too wins. Langfuse's other init names (ORG_ID,
 * PROJECT_ID, …) have no Loupe counterpart and are ignored.
 */
export function withLangfuseInitAliases(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of INIT_NAMES) {
    const value = env[`LOUPE_INIT_${name}`] || env[`LANGFUSE_INIT_${name}`];
    if (value) out[`LOUPE_INIT_${name}`] = value;
  }
  return out;
}

export const ZInitConfig = z
  .object({
    LOUPE_INIT_ORG_NAME: z.string().trim().min(1).max(100).optional(),
    LOUPE_INIT_PROJECT_NAME: z.string().trim().min(1).max(100).optional(),
    LOUPE_INIT_PROJECT_PUBLIC_KEY: z
      .string()
      .regex(/^pk-lf-[A-Za-z0-9_-]{8,}$/, "must look like pk-lf-<at least 8 letters, digits, - or _>")
      .optional(),
    LOUPE_INIT_PROJECT_SECRET_KEY: z
      .string()
      .regex(/^sk-lf-[A-Za-z0-9_-]{8,}$/, "must look like sk-lf-<at least 8 letters, digits, - or _>")
      .optional(),
    LOUPE_INIT_USER_EMAIL: z.email("must be an email address").optional(),
    LOUPE_INIT_USER_PASSWORD: z.string().min(8, "must have at least 8 characters").optional(),
  })
  .refine((c) => !c.LOUPE_INIT_PROJECT_NAME || c.LOUPE_INIT_ORG_NAME, {
    message: "LOUPE_INIT_PROJECT_NAME needs LOUPE_INIT_ORG_NAME",
    path: ["LOUPE_INIT_ORG_NAME"],
  })
  .refine((c) => Boolean(c.LOUPE_INIT_PROJECT_PUBLIC_KEY) === Boolean(c.LOUPE_INIT_PROJECT_SECRET_KEY), {
    message: "set LOUPE_INIT_PROJECT_PUBLIC_KEY and LOUPE_INIT_PROJECT_SECRET_KEY together",
    path: ["LOUPE_INIT_PROJECT_SECRET_KEY"],
  })
  .refine((c) => !c.LOUPE_INIT_PROJECT_PUBLIC_KEY || c.LOUPE_INIT_PROJECT_NAME, {
    message: "API keys need a project: set LOUPE_INIT_PROJECT_NAME",
    path: ["LOUPE_INIT_PROJECT_NAME"],
  })
  .refine((c) => Boolean(c.LOUPE_INIT_USER_EMAIL) === Boolean(c.LOUPE_INIT_USER_PASSWORD), {
    message: "set LOUPE_INIT_USER_EMAIL and LOUPE_INIT_USER_PASSWORD together",
    path: ["LOUPE_INIT_USER_PASSWORD"],
  });
export type TInitConfig = z.infer<typeof ZInitConfig>;

export type BootstrapResult = { organizationId?: string; projectId?: string; userId?: string; created: string[] };

/**
 * Creates the initial organization, project, user and API keys from LOUPE_INIT_* settings.
 * Safe to run on every start: existing rows are found by name/email/public key and kept.
 */
export async function ensureInitialSetup(config: TInitConfig): Promise<BootstrapResult> {
  const created: string[] = [];
  let userId: string | undefined;
  if (config.LOUPE_INIT_USER_EMAIL && config.LOUPE_INIT_USER_PASSWORD) {
    const existing = await findUserByEmail(config.LOUPE_INIT_USER_EMAIL);
    if (!existing) {
      userId = (
        await createUser({ email: config.LOUPE_INIT_USER_EMAIL, passwordHash: await hashPassword(config.LOUPE_INIT_USER_PASSWORD) })
      ).id;
      created.push(`user ${config.LOUPE_INIT_USER_EMAIL}`);
    } else {
      userId = existing.id;
      // The environment is the source of truth for the init user's password.
      if (!existing.passwordHash || !(await verifyPassword(config.LOUPE_INIT_USER_PASSWORD, existing.passwordHash))) {
        await changeUserPassword(existing.id, config.LOUPE_INIT_USER_PASSWORD);
      }
    }
  }
  if (!config.LOUPE_INIT_ORG_NAME) return { userId, created };

  let organization = await findOrganizationByName(config.LOUPE_INIT_ORG_NAME);
  let projectId: string | undefined;
  if (!organization) {
    organization = await createOrganization(config.LOUPE_INIT_ORG_NAME);
    created.push(`organization ${organization.name}`);
  }
  if (userId) await upsertOrganizationMembership(organization.id, userId, "OWNER");
  if (config.LOUPE_INIT_PROJECT_NAME) {
    let project = await findProjectInOrganization(organization.id, config.LOUPE_INIT_PROJECT_NAME);
    if (!project) {
      project = await createProject(organization.id, config.LOUPE_INIT_PROJECT_NAME);
      created.push(`project ${project.name}`);
    }
    projectId = project.id;
  }
  if (projectId && config.LOUPE_INIT_PROJECT_PUBLIC_KEY && config.LOUPE_INIT_PROJECT_SECRET_KEY) {
    const existingKey = await findApiKeyByPublicKey(config.LOUPE_INIT_PROJECT_PUBLIC_KEY);
    const hashed = hashSecretKey(config.LOUPE_INIT_PROJECT_SECRET_KEY);
    if (!existingKey) {
      await createApiKey({
        projectId,
        publicKey: config.LOUPE_INIT_PROJECT_PUBLIC_KEY,
        hashedSecretKey: hashed,
        displaySecretKey: displaySecretKey(config.LOUPE_INIT_PROJECT_SECRET_KEY),
        note: "Created from LOUPE_INIT_* settings",
      });
      created.push(`API key ${config.LOUPE_INIT_PROJECT_PUBLIC_KEY}`);
    } else if (existingKey.projectId !== projectId) {
      throw new Error(`LOUPE_INIT_PROJECT_PUBLIC_KEY ${config.LOUPE_INIT_PROJECT_PUBLIC_KEY} already belongs to another project`);
    } else if (existingKey.hashedSecretKey !== hashed) {
      await replaceApiKeySecret(existingKey.id, hashed, displaySecretKey(config.LOUPE_INIT_PROJECT_SECRET_KEY));
    }
  }
  return { organizationId: organization.id, projectId, userId, created };
}
