import { createTestProject } from "@loupe/db/testing";
import { generateApiKeyPair } from "./auth/api-keys.ts";

/** A fresh project with a working key pair, for integration tests. */
export async function createProjectWithKeys() {
  const keys = generateApiKeyPair();
  const { project, organization } = await createTestProject({
    publicKey: keys.publicKey,
    hashedSecretKey: keys.hashedSecretKey,
    displaySecretKey: keys.displaySecretKey,
  });
  const basic = `Basic ${Buffer.from(`${keys.publicKey}:${keys.secretKey}`).toString("base64")}`;
  return { project, organization, ...keys, basic, bearer: `Bearer ${keys.publicKey}` };
}

/** The audit context of a change a test makes directly through a service. */
export const TEST_AUDIT = { actor: { type: "system" as const }, ip: null };
