import { describe, expect, it } from "vitest";
import { parseMediaStorageConfig, readMediaStorageConfig } from "./storage-config.ts";

const S3 = {
  LOUPE_S3_MEDIA_BUCKET: "loupe-media",
  LOUPE_S3_MEDIA_REGION: "us-east-1",
  LOUPE_S3_MEDIA_ENDPOINT: "http://minio:9000",
  LOUPE_S3_MEDIA_EXTERNAL_ENDPOINT: "http://localhost:9000",
  LOUPE_S3_MEDIA_ACCESS_KEY_ID: "loupe",
  LOUPE_S3_MEDIA_SECRET_ACCESS_KEY: "super-secret-value",
  LOUPE_S3_MEDIA_FORCE_PATH_STYLE: "true",
  LOUPE_S3_MEDIA_PREFIX: "media/",
};

const issuesOf = (env: Record<string, string>) => {
  const result = parseMediaStorageConfig(env);
  if (result.ok) throw new Error("expected the configuration to be rejected");
  return result.issues;
};

describe("media storage configuration", () => {
  it("keeps media in Postgres when nothing is set, also when docker-compose passes empty values", () => {
    expect(readMediaStorageConfig({})).toEqual({ kind: "postgres" });
    expect(readMediaStorageConfig(Object.fromEntries(Object.keys(S3).map((k) => [k, ""])))).toEqual({ kind: "postgres" });
  });

  it("reads a complete S3 configuration", () => {
    expect(readMediaStorageConfig(S3)).toEqual({
      kind: "s3",
      bucket: "loupe-media",
      region: "us-east-1",
      endpoint: "http://minio:9000",
      externalEndpoint: "http://localhost:9000",
      credentials: { accessKeyId: "loupe", secretAccessKey: "super-secret-value" },
      forcePathStyle: true,
      prefix: "media/",
    });
  });

  it("leaves credentials to the AWS default chain when neither key is set", () => {
    const config = readMediaStorageConfig({ LOUPE_S3_MEDIA_BUCKET: "b-1", LOUPE_S3_MEDIA_REGION: "eu-central-1" });
    expect(config).toMatchObject({ kind: "s3", credentials: undefined, forcePathStyle: false, prefix: "" });
  });

  it("names the missing variable of a partial configuration", () => {
    expect(issuesOf({ LOUPE_S3_MEDIA_BUCKET: "media" })).toEqual([
      { variable: "LOUPE_S3_MEDIA_REGION", message: expect.stringContaining("required with LOUPE_S3_MEDIA_BUCKET") },
    ]);
    expect(issuesOf({ LOUPE_S3_MEDIA_REGION: "us-east-1", LOUPE_S3_MEDIA_ENDPOINT: "http://127.0.0.1:9000" })).toEqual([
      {
        variable: "LOUPE_S3_MEDIA_BUCKET",
        message: expect.stringContaining("required when LOUPE_S3_MEDIA_REGION, LOUPE_S3_MEDIA_ENDPOINT is set"),
      },
    ]);
    const { LOUPE_S3_MEDIA_SECRET_ACCESS_KEY: _secret, ...withoutSecret } = S3;
    expect(issuesOf(withoutSecret).map((i) => i.variable)).toEqual(["LOUPE_S3_MEDIA_SECRET_ACCESS_KEY"]);
    const { LOUPE_S3_MEDIA_ACCESS_KEY_ID: _id, ...withoutKeyId } = S3;
    expect(issuesOf(withoutKeyId).map((i) => i.variable)).toEqual(["LOUPE_S3_MEDIA_ACCESS_KEY_ID"]);
    const { LOUPE_S3_MEDIA_ENDPOINT: _endpoint, ...externalOnly } = S3;
    expect(issuesOf(externalOnly).map((i) => i.variable)).toEqual(["LOUPE_S3_MEDIA_ENDPOINT"]);
  });

  it("rejects malformed values with the fix, and never echoes them", () => {
    const issues = issuesOf({
      ...S3,
      LOUPE_S3_MEDIA_BUCKET: "s3://loupe-media",
      LOUPE_S3_MEDIA_ENDPOINT: "minio:9000",
      LOUPE_S3_MEDIA_FORCE_PATH_STYLE: "yes",
      LOUPE_S3_MEDIA_PREFIX: "/media",
    });
    expect(issues.map((i) => i.variable).sort()).toEqual([
      "LOUPE_S3_MEDIA_BUCKET",
      "LOUPE_S3_MEDIA_ENDPOINT",
      "LOUPE_S3_MEDIA_FORCE_PATH_STYLE",
      "LOUPE_S3_MEDIA_PREFIX",
    ]);
    expect(() => readMediaStorageConfig({ ...S3, LOUPE_S3_MEDIA_ACCESS_KEY_ID: "" })).toThrow(
      /Invalid media storage configuration:\n {2}LOUPE_S3_MEDIA_ACCESS_KEY_ID: is required/,
    );
    expect(JSON.stringify(issues)).not.toContain("super-secret-value");
    expect(JSON.stringify(issues)).not.toContain("minio:9000");
  });
});
