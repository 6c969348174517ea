import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// AES-256-GCM with a random 96-bit IV per value. The context (e.g. the project id) is authenticated
// data: a ciphertext copied into another project's row does not decrypt there.
// Stored as "v1.<iv>.<tag>.<ciphertext>" in base64url.

const VERSION = "v1";

export class SecretBoxError extends Error {}

export function sealSecret(plaintext: string, context: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function openSecret(sealed: string, context: string, key: Buffer): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined)
    throw new SecretBoxError("The stored secret is not in a known format");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("The stored secret cannot be decrypted: was LOUPE_ENCRYPTION_KEY changed? Enter the key again.");
  }
}

/** What a person may see of a key: "sk-…abcd" (short keys show only their last two characters). */
export function maskSecret(secret: string): string {
  if (secret.length >= 12) return `${secret.slice(0, 3)}…${secret.slice(-4)}`;
  const shown = Math.min(2, Math.floor(secret.length / 4));
  return shown === 0 ? "…" : `…${secret.slice(-shown)}`;
}
