import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { Agent, type Dispatcher } from "undici";

// Tenant-supplied base URLs are called from the shared server: they must not reach the cloud metadata
// service or (unless the instance allows it) loopback and private networks. Checked when a connection
// is saved (a clear 400) and again at connect time on the resolved address, so a DNS name that later
// resolves elsewhere (rebinding) is refused too.

/** Never reachable: link-local (cloud metadata 169.254.169.254, fd00:ec2::254), "this network", multicast. */
const ALWAYS_BLOCKED = new BlockList();
ALWAYS_BLOCKED.addSubnet("169.254.0.0", 16, "ipv4");
ALWAYS_BLOCKED.addSubnet("0.0.0.0", 8, "ipv4");
ALWAYS_BLOCKED.addSubnet("224.0.0.0", 3, "ipv4");
ALWAYS_BLOCKED.addAddress("100.100.100.200", "ipv4");
ALWAYS_BLOCKED.addSubnet("fe80::", 10, "ipv6");
ALWAYS_BLOCKED.addAddress("fd00:ec2::254", "ipv6");
ALWAYS_BLOCKED.addAddress("::", "ipv6");
ALWAYS_BLOCKED.addSubnet("ff00::", 8, "ipv6");

/** Reachable only with LOUPE_LLM_ALLOW_PRIVATE_BASE_URLS=true: loopback, RFC 1918, CGNAT, unique-local. */
const PRIVATE = new BlockList();
PRIVATE.addSubnet("127.0.0.0", 8, "ipv4");
PRIVATE.addSubnet("10.0.0.0", 8, "ipv4");
PRIVATE.addSubnet("172.16.0.0", 12, "ipv4");
PRIVATE.addSubnet("192.168.0.0", 16, "ipv4");
PRIVATE.addSubnet("100.64.0.0", 10, "ipv4");
PRIVATE.addAddress("::1", "ipv6");
PRIVATE.addSubnet("fc00::", 7, "ipv6");

export interface OutboundPolicy {
  allowPrivate: boolean;
  /** The variable that allows private addresses, named in the refusal (LLM base URLs by default). */
  allowSwitch?: string;
}

export class OutboundBlockedError extends Error {
  readonly code = "LOUPE_OUTBOUND_BLOCKED";
}

/** Why this address may not be called, or null. IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged as IPv4. */
export function blockedAddressReason(address: string, policy: OutboundPolicy): string | null {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1];
  const ip = mapped ?? address.replace(/^\[|\]$/g, "");
  const family = isIP(ip) === 6 ? "ipv6" : "ipv4";
  if (ALWAYS_BLOCKED.check(ip, family)) return `${ip} is a link-local, metadata or reserved address`;
  if (!policy.allowPrivate && PRIVATE.check(ip, family)) {
    return `${ip} is a loopback or private address (set ${policy.allowSwitch ?? "LOUPE_LLM_ALLOW_PRIVATE_BASE_URLS"}=true to allow them on this instance)`;
  }
  return null;
}

function lookupAll(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));
}

/** Refuses a URL that is not http(s) or whose host is (or resolves to) a blocked address. */
export async function assertOutboundUrl(url: string, policy: OutboundPolicy): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OutboundBlockedError(`${url} is not a URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new OutboundBlockedError("only http and https URLs can be called");
  if (parsed.username || parsed.password)
    throw new OutboundBlockedError("URLs with credentials are refused: use the API key or extra headers");
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookupAll(host)).map((a) => a.address);
    } catch (error) {
      throw new OutboundBlockedError(`${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? "DNS error"})`);
    }
  }
  for (const address of addresses) {
    const reason = blockedAddressReason(address, policy);
    if (reason) throw new OutboundBlockedError(reason);
  }
}

const dispatchers = new Map<string, Dispatcher>();

/** An undici dispatcher whose every connection goes to an address the policy allows (checked after DNS). */
export function outboundDispatcher(policy: OutboundPolicy): Dispatcher {
  const key = `${policy.allowPrivate}:${policy.allowSwitch ?? ""}`;
  let dispatcher = dispatchers.get(key);
  if (!dispatcher) {
    dispatcher = new Agent({
      connect: {
        timeout: 10_000,
        lookup(hostname, options, callback) {
          dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
            if (err) return callback(err, "", 0);
            const list = addresses as LookupAddress[];
            for (const a of list) {
              const reason = blockedAddressReason(a.address, policy);
              if (reason) return callback(new OutboundBlockedError(reason), "", 0);
            }
            if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
            const first = list[0] as LookupAddress;
            callback(null, first.address, first.family);
          });
        },
      },
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    dispatchers.set(key, dispatcher);
  }
  return dispatcher;
}
