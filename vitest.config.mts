import path from "node:path";
import { defineConfig } from "vitest/config";

// Integration tests get their own database (created and migrated fresh once per run by the global
// setup), their own Redis logical db and queue prefix, so they never touch a developer's data.
const baseDbUrl = new URL(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/loupe");
// LOUPE_TEST_ID lets several checkouts run their suites side by side on one machine.
const testId = process.env.LOUPE_TEST_ID ? `_${process.env.LOUPE_TEST_ID}` : "";
baseDbUrl.pathname = `/loupe_test${testId}`;
const redisUrl = new URL(process.env.REDIS_URL || "redis://127.0.0.1:6379");
redisUrl.pathname = "/15";

const TEST_ENV = {
  DATABASE_URL: baseDbUrl.toString(),
  REDIS_URL: redisUrl.toString(),
  LOUPE_QUEUE_PREFIX: `loupe-test-${process.pid}`,
  LOG_LEVEL: "warn",
  NEXTAUTH_SECRET: "test-secret-test-secret-test-secret",
  LOUPE_ENCRYPTION_KEY: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  // The loopback fake LLM servers of @loupe/testing listen on 127.0.0.1.
  LOUPE_LLM_ALLOW_PRIVATE_BASE_URLS: "true",
  // The webhook tests' receivers listen on 127.0.0.1 too.
  LOUPE_WEBHOOK_ALLOW_PRIVATE_URLS: "true",
};

// `server-only` throws unless the bundler resolves the "react-server" condition (Next does for server
// code); vitest runs route handlers and lib/server files as plain Node modules, so it gets the no-op entry.
const serverOnlyNoop = { "server-only": path.join(import.meta.dirname, "node_modules/server-only/empty.js") };

export default defineConfig({
  test: {
    projects: [
      {
        // apps/web's `@/…` imports (a feature's pure module may import another feature's index).
        resolve: { alias: serverOnlyNoop, tsconfigPaths: true },
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: ["packages/**/*.test.ts", "apps/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**", "apps/web/e2e/**"],
        },
      },
      {
        // apps/web's `@/…` imports, for tests that call its route handlers.
        resolve: { tsconfigPaths: true, alias: serverOnlyNoop },
        test: {
          name: "integration",
          sequence: { groupOrder: 1 },
          include: ["packages/**/*.int.test.ts", "apps/**/*.int.test.ts", "scripts/**/*.int.test.ts"],
          exclude: ["**/node_modules/**"],
          globalSetup: ["packages/db/src/testing/global-setup.ts"],
          setupFiles: ["packages/db/src/testing/queue-prefix-per-file.ts"],
          env: TEST_ENV,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});
