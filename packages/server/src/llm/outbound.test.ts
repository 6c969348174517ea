import { startFakeOpenAI } from "@loupe/testing";
import { fetch } from "undici";
import { describe, expect, it } from "vitest";
import { assertOutboundUrl, blockedAddressReason, OutboundBlockedError, outboundDispatcher } from "./outbound.ts";

const strict = { allowPrivate: false };
const open = { allowPrivate: true };

describe("outbound address policy", () => {
  it.each([
    ["169.254.169.254", "link-local"],
    ["::ffff:169.254.169.254", "link-local"],
    ["fd00:ec2::254", "link-local"],
    ["fe80::1", "link-local"],
    ["0.0.0.0", "link-local"],
    ["100.100.100.200", "link-local"],
  ])("always refuses %s", (address, reason) => {
    expect(blockedAddressReason(address, open)).toMatch(reason);
    expect(blockedAddressReason(address, strict)).toMatch(reason);
  });

  it.each(["127.0.0.1", "10.1.2.3", "172.20.0.5", "192.168.1.1", "100.64.0.1", "::1", "fd12:3456::1", "::ffff:10.0.0.1"])(
    "refuses private %s unless the instance allows it",
    (address) => {
      expect(blockedAddressReason(address, strict)).toMatch(/LOUPE_LLM_ALLOW_PRIVATE_BASE_URLS/);
      expect(blockedAddressReason(address, open)).toBeNull();
    },
  );

  it("lets public addresses through", () => {
    for (const address of ["8.8.8.8", "172.32.0.1", "2606:4700::1111"]) expect(blockedAddressReason(address, strict)).toBeNull();
  });

  it("refuses other schemes and credentials in URLs", async () => {
    await expect(assertOutboundUrl("ftp://example.com", open)).rejects.toThrow(/only http and https/);
    await expect(assertOutboundUrl("https://user:pw@8.8.8.8/v1", open)).rejects.toThrow(/credentials/);
    await expect(assertOutboundUrl("not a url", open)).rejects.toThrow(OutboundBlockedError);
    await expect(assertOutboundUrl("http://[::ffff:a9fe:a9fe]/", open)).rejects.toThrow(/link-local/);
  });

  it("checks the resolved address again when connecting (a name that resolves to loopback later is still refused)", async () => {
    const fake = await startFakeOpenAI();
    try {
      const byName = `${fake.url.replace("127.0.0.1", "localhost")}/models`;
      const headers = { authorization: "Bearer test-key" };
      // No assertOutboundUrl here: only the dispatcher's lookup stands between the call and loopback.
      const refused = await fetch(byName, { headers, dispatcher: outboundDispatcher(strict) }).catch((e: Error) => e);
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error & { cause?: unknown }).cause).toBeInstanceOf(OutboundBlockedError);
      expect(fake.requests).toHaveLength(0);
      const allowed = await fetch(byName, { headers, dispatcher: outboundDispatcher(open) });
      expect(allowed.status).toBe(200);
    } finally {
      await fake.close();
    }
  });
});
