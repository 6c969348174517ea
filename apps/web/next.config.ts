import path from "node:path";
import type { NextConfig } from "next";
import { SECURITY_HEADERS } from "./src/node-server/security-headers";

const root = path.join(import.meta.dirname, "../..");

const nextConfig: NextConfig = {
  transpilePackages: ["@loupe/contracts", "@loupe/domain", "@loupe/db", "@loupe/jobs", "@loupe/server"],
  serverExternalPackages: ["pino", "bullmq", "ioredis", "@aws-sdk/client-s3", "@aws-sdk/s3-request-presigner"],
  turbopack: { root },
  outputFileTracingRoot: root,
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
