import { describe, expect, it } from "vitest";
import { compileMaskingRules, maskJson, maskString } from "./mask-pii.ts";

describe("maskString", () => {
  it.each([
    ["mail me at jane.doe+test@example.co.uk please", "mail me at [EMAIL] please"],
    ["call +1 415 555 2671 now", "call [PHONE] now"],
    ["call +44 20 7946 0958", "call [PHONE]"],
    ["office (415) 555-2671", "office [PHONE]"],
    ["us 415-555-2671", "us [PHONE]"],
    ["card 4111 1111 1111 1111 exp", "card [CARD] exp"],
    ["card 4111-1111-1111-1111", "card [CARD]"],
    ["card 4111111111111111", "card [CARD]"],
    ["key sk-proj-abcdefghijklmnop1234567890", "key [TOKEN]"],
    ["lf sk-lf-1234abcd-5678-90ef-aaaa-bbbbccccdddd", "lf [TOKEN]"],
    ["auth: Bearer abcdefghijklmnopqrstuvwxyz123456", "auth: Bearer [TOKEN]"],
    ["jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "jwt [TOKEN]"],
    ["iban DE89 3704 0044 0532 0130 00 ok", "iban [IBAN] ok"],
    ["iban GB82WEST12345698765432", "iban [IBAN]"],
    ["ssn 123-45-6789", "ssn [ID]"],
    ["aws AKIAIOSFODNN7EXAMPLE", "aws [TOKEN]"],
  ])("%s", (input, expected) => {
    expect(maskString(input)).toBe(expected);
  });

  it.each([
    "2026-11-22T10:15:30.123Z",
    "2026-11-22",
    "550e8400-e29b-41d4-a716-446655440000",
    "version 1.2.3 and v10.20.30",
    "order 1234567890123 shipped", // 13 digits that fail the Luhn check
    "4111 1111 1111 1112", // Luhn fails
    "GB00WEST12345698765432", // IBAN checksum fails
    "total 1,234,567.89 USD",
    "pi is 3.14159265358979",
    "port 127.0.0.1:5432",
    "at 12:30:45 on 22/11/2026",
    "sku-12345678",
    "task risk-assessment-2026-q4",
  ])("leaves %s alone", (text) => {
    expect(maskString(text)).toBe(text);
  });

  it("applies custom rules after the built-ins", () => {
    const rules = compileMaskingRules([
      { name: "employee", pattern: "EMP-\\d{6}", replacement: "[EMPLOYEE]" },
      { name: "broken", pattern: "(", replacement: "x" },
    ]);
    expect(maskString("EMP-123456 wrote to a@b.io", rules)).toBe("[EMPLOYEE] wrote to [EMAIL]");
  });
});

describe("maskJson", () => {
  it("masks strings at any depth and keeps keys and other values", () => {
    const input = { user: { email: "a@b.io", age: 42, tags: ["x", "call +1 415 555 2671"] }, ok: true, n: null };
    expect(maskJson(input)).toEqual({ user: { email: "[EMAIL]", age: 42, tags: ["x", "call [PHONE]"] }, ok: true, n: null });
  });
});
