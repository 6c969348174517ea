import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { issueSamlToken, redeemSamlToken } from "./saml.ts";

// The one-time token of a checked SAML answer, on real Redis: redeemed only with the cookie naming the
// AuthnRequest the answer was to (the browser that started the sign-in), and spent by any attempt.

describe("SAML one-time tokens are bound to the browser that started the sign-in", () => {
  it("redeems once with the matching request cookie", async () => {
    const requestId = `_${randomUUID()}`;
    const token = await issueSamlToken("user-1", requestId);
    expect(await redeemSamlToken(token, requestId)).toEqual({ ok: true, userId: "user-1" });
    expect(await redeemSamlToken(token, requestId)).toEqual({ ok: false, code: "SamlInvalid" });
  });

  it("refuses another browser's answer (no cookie, or another request's) and spends the token", async () => {
    const requestId = `_${randomUUID()}`;
    const withoutCookie = await issueSamlToken("user-2", requestId);
    expect(await redeemSamlToken(withoutCookie, undefined)).toEqual({ ok: false, code: "SamlOtherBrowser" });
    const otherRequest = await issueSamlToken("user-2", requestId);
    expect(await redeemSamlToken(otherRequest, `_${randomUUID()}`)).toEqual({ ok: false, code: "SamlOtherBrowser" });
    // Spent: the right cookie afterwards does not revive it.
    expect(await redeemSamlToken(otherRequest, requestId)).toEqual({ ok: false, code: "SamlInvalid" });
    // An answer without InResponseTo binds to nothing, so it never redeems.
    expect(await redeemSamlToken(await issueSamlToken("user-2", ""), "")).toEqual({ ok: false, code: "SamlOtherBrowser" });
  });

  it("refuses a malformed token without reading Redis", async () => {
    expect(await redeemSamlToken("not-a-token", "x")).toEqual({ ok: false, code: "SamlInvalid" });
  });
});
