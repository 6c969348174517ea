import { randomUUID } from "node:crypto";
import { createUser } from "@loupe/db";
import { describe, expect, it } from "vitest";
import { authenticateWithPassword } from "../projects/accounts.ts";
import { hashPassword } from "./passwords.ts";
import { accountDelayMs, recordSignInFailure, SIGN_IN_LIMITS } from "./sign-in-throttle.ts";

const PASSWORD = "correct-horse-battery";
const address = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 4)}`;

async function newUser() {
  const email = `sign-in-${randomUUID().slice(0, 8)}@loupe.test`;
  await createUser({ email, passwordHash: await hashPassword(PASSWORD) });
  return email;
}

const timed = async <T>(fn: () => Promise<T>) => {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
};

describe("sign-in throttle (Redis)", () => {
  it("locks one client out of one account after 10 failures, with a clear message, but not the owner elsewhere", async () => {
    const email = await newUser();
    const attacker = address();
    for (let i = 0; i < SIGN_IN_LIMITS.pairLockAfter; i++) await recordSignInFailure(email, attacker);

    const locked = await authenticateWithPassword(email, PASSWORD, attacker);
    expect(locked).toEqual({
      ok: false,
      throttled: true,
      message: "Too many failed sign-in attempts from your network. Try again in 15 minutes.",
    });

    // The owner, from another address, still gets in: the account-wide limit only slows.
    const owner = await timed(() => authenticateWithPassword(email, PASSWORD, address()));
    expect(owner.value).toMatchObject({ ok: true });
    expect(owner.ms).toBeGreaterThanOrEqual(accountDelayMs(SIGN_IN_LIMITS.pairLockAfter) - 50);
  });

  it("slows an account exponentially from the 5th failure, up to 8 s", () => {
    expect([0, 4, 5, 6, 7, 10, 50].map(accountDelayMs)).toEqual([0, 0, 250, 500, 1000, 8000, 8000]);
  });

  it("counts a real wrong password, so 30 guesses in a row do not all get an answer at full speed", async () => {
    const email = await newUser();
    const attacker = address();
    const answers = [];
    for (let i = 0; i < SIGN_IN_LIMITS.pairLockAfter + 1; i++) {
      answers.push(await authenticateWithPassword(email, `wrong-${i}`, attacker));
    }
    expect(answers.slice(0, SIGN_IN_LIMITS.pairLockAfter).every((a) => !a.ok && !a.throttled)).toBe(true);
    expect(answers.at(-1)).toMatchObject({ ok: false, throttled: true });
  }, 30_000);

  it("locks an address that fails on many accounts (credential stuffing)", async () => {
    const stuffer = address();
    for (let i = 0; i < SIGN_IN_LIMITS.addressLockAfter; i++) await recordSignInFailure(`victim-${i}-${randomUUID()}@loupe.test`, stuffer);
    expect(await authenticateWithPassword(await newUser(), PASSWORD, stuffer)).toMatchObject({ ok: false, throttled: true });
  });
});

describe("account enumeration by timing", () => {
  it("takes as long for an unknown e-mail as for a wrong password on a real account", async () => {
    const email = await newUser();
    await authenticateWithPassword(`warm-up-${randomUUID()}@loupe.test`, "x", address()); // makes the dummy hash
    const real: number[] = [];
    const unknown: number[] = [];
    // Four of each: under the account's slow-down threshold, so only the password check is timed.
    for (let i = 0; i < 4; i++) {
      real.push((await timed(() => authenticateWithPassword(email, `wrong-${i}`, address()))).ms);
      unknown.push((await timed(() => authenticateWithPassword(`nobody-${randomUUID()}@loupe.test`, "wrong", address()))).ms);
    }
    // Before the dummy hash: ~42 ms against ~7 ms. Both now run one scrypt. The fastest of each is
    // compared: it is the cost of the work itself, the least disturbed by other load on the machine.
    expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...real) * 0.5);
  });
});
