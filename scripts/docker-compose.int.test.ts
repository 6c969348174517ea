import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { S3_MEDIA_VARIABLES, readMediaStorageConfig } from "../packages/server/src/media/storage-config.ts";

// docker-compose.yml is validated with the real Compose client (no Docker engine needed for
// `config`): the legacy docker-compose 1.29 that Debian ships, or Docker Compose v2 when the
// `docker-compose` on PATH is that. CI's .ci/run installs it from apt when missing.
const root = path.resolve(import.meta.dirname, "..");
const composeFile = path.join(root, "docker-compose.yml");
const INSTALL_HINT = "docker-compose is not installed: run `apt-get install -y docker-compose` (CI's .ci/run does this)";
const APP_SERVICES = ["migrate", "web", "worker"];

type PortSpec = string | { target?: number | string; published?: number | string; host_ip?: string };
type VolumeSpec = string | { type?: string; source?: string; target?: string };
type Service = {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  restart?: string;
  environment?: Record<string, string | null> | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  ports?: PortSpec[];
  volumes?: VolumeSpec[];
  healthcheck?: { test?: string[] | string };
  profiles?: string[];
};
type ComposeConfig = { services: Record<string, Service>; volumes?: Record<string, unknown> };

/** The major version of the `docker-compose` on PATH; throws the install hint when there is none. */
function composeMajorVersion(binary = "docker-compose"): number {
  const result = spawnSync(binary, ["version", "--short"], { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new Error(`${INSTALL_HINT}\n(${result.error?.message ?? result.stderr.trim()})`);
  }
  const major = Number(/^v?(\d+)/.exec(result.stdout.trim())?.[1]);
  if (!Number.isFinite(major)) throw new Error(`cannot read the docker-compose version from ${JSON.stringify(result.stdout)}`);
  return major;
}

/** Runs `docker-compose config` on `file` (project directory: the repository root). */
function composeConfig(file: string, extraArgs: string[] = [], env: Record<string, string> = {}) {
  return spawnSync("docker-compose", ["--project-directory", root, "-f", file, "config", ...extraArgs], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
}

/** The interpreter named by the docker-compose 1.x script's shebang (python3 as a fallback). */
function composePython(): string {
  const found = spawnSync("sh", ["-c", "command -v docker-compose"], { encoding: "utf8" }).stdout.trim();
  let firstLine = "";
  if (found) {
    const head = Buffer.alloc(256);
    const fd = fs.openSync(found, "r");
    try {
      firstLine =
        head
          .subarray(0, fs.readSync(fd, head, 0, head.length, 0))
          .toString("utf8")
          .split("\n")[0] ?? "";
    } finally {
      fs.closeSync(fd);
    }
  }
  const interpreter = /^#!\s*(\S*python[\d.]*)\s*$/.exec(firstLine)?.[1];
  return interpreter && fs.existsSync(interpreter) ? interpreter : "python3";
}

/** The fully resolved configuration as an object, from either client, with `env` set in the host environment. */
function loadConfig(file: string, env: Record<string, string> = {}): ComposeConfig {
  if (composeMajorVersion() >= 2) {
    return JSON.parse(
      execFileSync("docker-compose", ["--project-directory", root, "-f", file, "config", "--format", "json"], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, ...env },
      }),
    );
  }
  // docker-compose 1.x prints YAML only; it is a Python program, so the Python that runs it has
  // its yaml module (one of its own dependencies) to turn that into JSON.
  const yaml = composeConfig(file, [], env);
  expect(yaml.status, `docker-compose config failed:\n${yaml.stderr}`).toBe(0);
  const json = execFileSync(composePython(), ["-c", "import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)"], {
    input: yaml.stdout,
    encoding: "utf8",
  });
  return JSON.parse(json);
}

function envOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((e) => [e.split("=")[0], e.slice(e.indexOf("=") + 1)]));
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v ?? ""]));
}

function dependsOn(service: Service): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([name, d]) => [name, d?.condition]));
}

/** Ports as { hostIp, published, target }, from the short string or the long object syntax. */
function portsOf(service: Service) {
  return (service.ports ?? []).map((p) => {
    if (typeof p === "object") return { hostIp: p.host_ip ?? "", published: String(p.published ?? ""), target: String(p.target ?? "") };
    const parts = p.replace(/\/(tcp|udp)$/, "").split(":");
    const target = parts.pop() ?? "";
    const published = parts.pop() ?? "";
    return { hostIp: parts.join(":"), published, target };
  });
}

/** Bind mounts as { source, target } with the source relative to the repository root. */
function bindMountsOf(service: Service) {
  return (service.volumes ?? []).flatMap((v) => {
    const [source = "", target = ""] = typeof v === "object" ? [v.type === "bind" ? (v.source ?? "") : "", v.target ?? ""] : v.split(":");
    return source.startsWith("/") || source.startsWith(".") ? [{ source: path.relative(root, path.resolve(root, source)), target }] : [];
  });
}

/** Named volumes as { source, target } (bind mounts and anonymous volumes are left out). */
function namedVolumesOf(service: Service) {
  return (service.volumes ?? []).flatMap((v) => {
    if (typeof v === "object") return v.type === "volume" && v.source ? [{ source: v.source, target: v.target ?? "" }] : [];
    const [source, target = ""] = v.split(":");
    return source && !source.startsWith(".") && !source.startsWith("/") && !source.startsWith("~") ? [{ source, target }] : [];
  });
}

describe("docker-compose.yml", () => {
  it("is valid and wires postgres, redis, migrate, web and worker together", () => {
    composeMajorVersion();
    const check = composeConfig(composeFile, ["-q"]);
    expect(check.status, `docker-compose config -q failed:\n${check.stderr}`).toBe(0);

    const config = loadConfig(composeFile);
    expect(Object.keys(config.services).sort()).toEqual(expect.arrayContaining(["migrate", "postgres", "redis", "web", "worker"]));
    const service = (name: string): Service => config.services[name] ?? expect.fail(`no service ${name}`);

    // Postgres and Redis work on their own for `npm start` on the host: loopback-only ports, health checks.
    expect(service("postgres").image).toMatch(/^postgres:16/);
    expect(portsOf(service("postgres"))).toContainEqual({ hostIp: "127.0.0.1", published: "5432", target: "5432" });
    expect(service("postgres").healthcheck?.test?.toString()).toContain("pg_isready");
    const pgVolumes = namedVolumesOf(service("postgres"));
    expect(pgVolumes).toContainEqual({ source: "postgres-data", target: "/var/lib/postgresql/data" });
    expect(Object.keys(config.volumes ?? {})).toContain("postgres-data");
    expect(service("redis").image).toMatch(/^redis:7/);
    expect(portsOf(service("redis"))).toContainEqual({ hostIp: "127.0.0.1", published: "6379", target: "6379" });
    expect(service("redis").healthcheck?.test?.toString()).toContain("ping");

    // One image for the three app services, each with its own command.
    const image = service("web").image;
    expect(image).toBeTruthy();
    for (const name of APP_SERVICES) expect(service(name).image, name).toBe(image);
    expect(service("migrate").command?.toString()).toContain("apps/worker/src/cli/setup.ts");
    expect(service("worker").command?.toString()).toContain("apps/worker/src/main.ts");
    expect(service("migrate").restart).toBe("no");
    // Long-running processes are started directly: `npm run` / `npx` do not pass SIGTERM on, so the
    // worker would be killed mid-job instead of finishing its active jobs on `docker compose stop`.
    for (const name of ["web", "worker"]) {
      const command = service(name).command;
      expect(Array.isArray(command) ? command[0] : command?.split(" ")[0], name).not.toMatch(/^(npm|npx)$/);
    }
    expect(dependsOn(service("migrate"))).toMatchObject({ postgres: "service_healthy" });

    // Web and worker start only after a successful migrate, with Redis healthy.
    for (const name of ["web", "worker"]) {
      expect(dependsOn(service(name)), name).toMatchObject({ migrate: "service_completed_successfully", redis: "service_healthy" });
      expect(service(name).healthcheck?.test?.toString(), name).toMatch(/fetch\('http:\/\/127\.0\.0\.1:30[0-9]0\//);
    }
    expect(portsOf(service("web")).map((p) => p.target)).toContain("3000");
    expect(portsOf(service("web")).find((p) => p.target === "3000")?.published).toBeTruthy();
    expect(envOf(service("worker")).WORKER_HOST).toBe("0.0.0.0");

    // Every container running the image reaches Postgres and Redis by their service names
    // (127.0.0.1 inside a container would be the container itself).
    const appServices = Object.entries(config.services).filter(([, s]) => s.build !== undefined || s.image === image);
    expect(appServices.map(([name]) => name).sort()).toEqual([...APP_SERVICES].sort());
    for (const [name, app] of appServices) {
      const env = envOf(app);
      expect(new URL(env.DATABASE_URL ?? "").hostname, `${name} DATABASE_URL`).toBe("postgres");
      expect(env.DATABASE_URL, name).toMatch(/^postgres(ql)?:\/\//);
      expect(new URL(env.REDIS_URL ?? "").hostname, `${name} REDIS_URL`).toBe("redis");
      expect(env.REDIS_URL, name).toMatch(/^rediss?:\/\//);
      expect(env.NEXTAUTH_SECRET?.length ?? 0, name).toBeGreaterThanOrEqual(16);
      expect(env.LOUPE_ENCRYPTION_KEY, name).toMatch(/^[0-9a-f]{64}$/i);
    }
  });

  it("passes the LOUPE_S3_MEDIA_* settings to web and worker, and keeps media in Postgres when they are unset", () => {
    composeMajorVersion();
    const unset = Object.fromEntries(S3_MEDIA_VARIABLES.map((name) => [name, ""]));
    const s3 = {
      LOUPE_S3_MEDIA_BUCKET: "loupe-media",
      LOUPE_S3_MEDIA_REGION: "us-east-1",
      LOUPE_S3_MEDIA_ENDPOINT: "http://minio:9000",
      LOUPE_S3_MEDIA_EXTERNAL_ENDPOINT: "http://localhost:9000",
      LOUPE_S3_MEDIA_ACCESS_KEY_ID: "loupe",
      LOUPE_S3_MEDIA_SECRET_ACCESS_KEY: "loupe-secret",
      LOUPE_S3_MEDIA_FORCE_PATH_STYLE: "true",
      LOUPE_S3_MEDIA_PREFIX: "media/",
    };
    const byDefault = loadConfig(composeFile, unset);
    const configured = loadConfig(composeFile, s3);
    for (const name of ["web", "worker", "migrate"]) {
      const defaults = envOf(byDefault.services[name] ?? expect.fail(`no service ${name}`));
      expect(Object.keys(defaults), name).toEqual(expect.arrayContaining([...S3_MEDIA_VARIABLES]));
      expect(readMediaStorageConfig(defaults), name).toEqual({ kind: "postgres" });
      const env = envOf(configured.services[name] ?? expect.fail(`no service ${name}`));
      expect(env, name).toMatchObject(s3);
      expect(readMediaStorageConfig(env), name).toMatchObject({ kind: "s3", bucket: "loupe-media", forcePathStyle: true });
    }
  });

  it("has a monitoring profile: Prometheus with Loupe's rules and Grafana with its dashboards, off by default", () => {
    composeMajorVersion();
    const config = loadConfig(composeFile);
    const service = (name: string): Service => config.services[name] ?? expect.fail(`no service ${name}`);
    for (const name of ["prometheus", "grafana"]) {
      expect(service(name).profiles, name).toEqual(["monitoring"]);
      expect(portsOf(service(name))[0]?.hostIp, name).toBe("127.0.0.1");
    }
    for (const name of ["postgres", "redis", ...APP_SERVICES]) expect(service(name).profiles, name).toBeUndefined();
    expect(bindMountsOf(service("prometheus"))).toContainEqual({ source: "deploy/prometheus", target: "/etc/prometheus" });
    expect(service("prometheus").command?.toString()).toContain("--config.file=/etc/prometheus/prometheus.yml");
    expect(fs.existsSync(path.join(root, "deploy/prometheus/prometheus.yml"))).toBe(true);
    expect(bindMountsOf(service("grafana"))).toEqual(
      expect.arrayContaining([
        { source: "deploy/grafana/provisioning", target: "/etc/grafana/provisioning" },
        { source: "deploy/grafana/dashboards", target: "/var/lib/grafana/dashboards" },
      ]),
    );
    const home = envOf(service("grafana")).GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH ?? "";
    expect(fs.existsSync(path.join(root, "deploy/grafana/dashboards", path.basename(home)))).toBe(true);
  });

  it("is rejected by docker-compose config when it has an invalid key", () => {
    composeMajorVersion();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loupe-compose-"));
    try {
      const original = fs.readFileSync(composeFile, "utf8");
      expect(original).toMatch(/^ {2}web:\n/m);

      // The unchanged copy passes from the temp dir, so the failure below is the injected key's.
      const good = path.join(dir, "good.yml");
      fs.writeFileSync(good, original);
      const ok = composeConfig(good, ["-q"]);
      expect(ok.status, ok.stderr).toBe(0);

      const broken = path.join(dir, "broken.yml");
      fs.writeFileSync(broken, original.replace(/^ {2}web:\n/m, "  web:\n    not_a_compose_key: true\n"));
      const result = composeConfig(broken, ["-q"]);
      expect(result.status).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`).toContain("not_a_compose_key");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says how to install docker-compose when it is missing", () => {
    expect(() => composeMajorVersion("docker-compose-that-does-not-exist")).toThrow("apt-get install -y docker-compose");
  });
});
