import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { maskSecret, openSecret, SecretBoxError, sealSecret } from "./secret-box.ts";

describe("secret box", () => {
  const key = randomBytes(32);

  it("round-trips, with a fresh IV each time and no plaintext in the sealed form", () => {
    const a = sealSecret("sk-live-1234567890abcd", "project-1", key);
    const b = sealSecret("sk-live-1234567890abcd", "project-1", key);
    expect(a).not.toBe(b);
    expect(a).not.toContain("1234567890");
    expect(a).toMatch(/^v1\./);
    expect(openSecret(a, "project-1", key)).toBe("sk-live-1234567890abcd");
  });

  it("refuses another key, another context (project) and a tampered ciphertext", () => {
    const sealed = sealSecret("secret", "project-1", key);
    expect(() => openSecret(sealed, "project-1", randomBytes(32))).toThrow(SecretBoxError);
    expect(() => openSecret(sealed, "project-2", key)).toThrow(/LOUPE_ENCRYPTION_KEY/);
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3] as string, "base64url");
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(() => openSecret([parts[0], parts[1], parts[2], flipped.toString("base64url")].join("."), "project-1", key)).toThrow(
      SecretBoxError,
    );
    expect(() => openSecret("plain-text", "project-1", key)).toThrow(/known format/);
  });

  it("masks keys like sk-…abcd and never shows most of a short one", () => {
    expect(maskSecret("sk-proj-abcdefghijklmnopabcd")).toBe("sk-…abcd");
    expect(maskSecret("short-key")).toBe("…ey");
    expect(maskSecret("abc")).toBe("…");
  });
});
