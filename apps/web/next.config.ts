import path from "node:path";
import type { NextConfig } from "next";

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
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
