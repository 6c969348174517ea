import { randomUUID } from "node:crypto";

// Integration test files run two at a time. A file that starts a real worker (worker, webhooks, metrics
// tests) must not take the jobs another file enqueues, so each file gets its own queue prefix (and with
// it its own Redis keys); child processes a test spawns inherit it.
process.env.LOUPE_QUEUE_PREFIX = `${process.env.LOUPE_QUEUE_PREFIX ?? "loupe-test"}-${randomUUID().slice(0, 8)}`;
