import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

// A webhook receiver on loopback for tests: records each request byte for byte (signatures are
// computed over the raw body) and answers scripted statuses.

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  at: number;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: readonly ReceivedWebhook[];
  /** The next `times` requests answer `status` (then 200 again). */
  failWith(status: number, times?: number): void;
  /** Until reset, answer `status` to every request. */
  alwaysAnswer(status: number): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const scripted: number[] = [];
  let always: number | null = null;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "/", headers: req.headers, rawBody: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const status = scripted.shift() ?? always ?? 200;
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status >= 400 ? `receiver says ${status}` : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/loupe`,
    received,
    failWith(status, times = 1) {
      for (let i = 0; i < times; i++) scripted.push(status);
    },
    alwaysAnswer(status) {
      always = status;
    },
    reset() {
      received.length = 0;
      scripted.length = 0;
      always = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
