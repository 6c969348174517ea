import path from "node:path";
import { defineConfig } from "@playwright/test";

// E2E runs the real `npm start` (production build, web + worker) against its own database.
export const E2E_PORT = Number(process.env.E2E_PORT || 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** The worker's /health and /metrics (a fixed offset from the web port, so parallel checkouts do not clash). */
export const E2E_WORKER_URL = `http://127.0.0.1:${E2E_PORT + 1000}`;
export const E2E_KEYS = { publicKey: "pk-lf-e2e-public-key", secretKey: "sk-lf-e2e-secret-key" };
export const E2E_USER = { email: "admin@loupe.test", password: "correct-horse-battery" };

/** The generic OIDC provider (Langfuse's variable names) pointed at the loopback IdP of e2e/fixtures/oidc-idp.ts. */
export const E2E_SSO = {
  issuer: `http://127.0.0.1:${E2E_PORT + 2000}`,
  samlIdp: `http://127.0.0.1:${E2E_PORT + 2001}`,
  clientId: "loupe-e2e",
  clientSecret: "loupe-e2e-client-secret-0123456789",
  enforcedDomain: "sso.example",
  organizationId: "org_sso_e2e",
  projectId: "proj_sso_e2e",
};
const E2E_SSO_ENV = {
  AUTH_CUSTOM_CLIENT_ID: E2E_SSO.clientId,
  AUTH_CUSTOM_CLIENT_SECRET: E2E_SSO.clientSecret,
  AUTH_CUSTOM_ISSUER: E2E_SSO.issuer,
  AUTH_CUSTOM_NAME: "Acme IdP",
  AUTH_CUSTOM_SCOPE: "openid email profile groups",
  AUTH_SAML_IDP_METADATA_URL: `http://127.0.0.1:${E2E_PORT + 2001}/metadata`,
  AUTH_SAML_NAME: "Acme SAML",
  AUTH_DOMAINS_WITH_SSO_ENFORCEMENT: `Other.Example, ${E2E_SSO.enforcedDomain.toUpperCase()}`,
  AUTH_SSO_GROUP_ROLES: JSON.stringify([
    { group: "loupe-admins", organizationId: E2E_SSO.organizationId, role: "ADMIN" },
    { group: "loupe-users", organizationId: E2E_SSO.organizationId, role: "VIEWER" },
    { group: "support", projectId: E2E_SSO.projectId, role: "MEMBER" },
  ]),
};

const dbUrl = new URL(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/loupe");
const testId = process.env.LOUPE_TEST_ID ? `_${process.env.LOUPE_TEST_ID}` : "";
dbUrl.pathname = `/loupe_e2e${testId}`;
const redisUrl = new URL(process.env.REDIS_URL || "redis://127.0.0.1:6379");
redisUrl.pathname = "/14";

export default defineConfig({
  testDir: "./e2e",
  // Loopback identity providers for the SSO journeys (e2e/fixtures).
  globalSetup: "./e2e/global-setup.ts",
  outputDir: "../../test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    browserName: "chromium",
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-quic",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node scripts/start.mjs",
    cwd: path.resolve(import.meta.dirname, "../.."),
    url: `${E2E_BASE_URL}/api/public/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    env: {
      LOUPE_SKIP_INSTALL: "1",
      PORT: String(E2E_PORT),
      HOSTNAME: "127.0.0.1",
      WORKER_PORT: String(E2E_PORT + 1000),
      NEXTAUTH_URL: E2E_BASE_URL,
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL: redisUrl.toString(),
      LOUPE_QUEUE_PREFIX: `loupe-e2e${testId}`,
      LOG_LEVEL: "warn",
      // The playground spec points an LLM connection at a loopback fake server.
      LOUPE_LLM_ALLOW_PRIVATE_BASE_URLS: "true",
      // The webhooks spec's receiver listens on 127.0.0.1.
      LOUPE_WEBHOOK_ALLOW_PRIVATE_URLS: "true",
      // Every public route's answer is checked against its Z*Response contract (500 on a mismatch).
      LOUPE_CHECK_RESPONSES: "true",
      LOUPE_INIT_ORG_NAME: "E2E Org",
      LOUPE_INIT_PROJECT_NAME: "E2E Project",
      LOUPE_INIT_PROJECT_PUBLIC_KEY: E2E_KEYS.publicKey,
      LOUPE_INIT_PROJECT_SECRET_KEY: E2E_KEYS.secretKey,
      LOUPE_INIT_USER_EMAIL: E2E_USER.email,
      LOUPE_INIT_USER_PASSWORD: E2E_USER.password,
      ...E2E_SSO_ENV,
    },
  },
});
