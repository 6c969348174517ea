// Import first in tests that call route handlers: Next reads globalThis.AsyncLocalStorage once, when its
// request-storage modules load, and `next start` sets it before any of them (node-environment-baseline).
import { AsyncLocalStorage } from "node:async_hooks";

const globals = globalThis as { AsyncLocalStorage?: unknown };
globals.AsyncLocalStorage ??= AsyncLocalStorage;
