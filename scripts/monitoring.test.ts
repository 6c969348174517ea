import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";

// The monitoring files we ship (deploy/prometheus, deploy/grafana, docs/runbooks) are checked with
// Prometheus's own promtool (apt package `prometheus`; CI's .ci/run installs it when missing).
const root = path.resolve(import.meta.dirname, "..");
const prometheusDir = path.join(root, "deploy/prometheus");
const rulesDir = path.join(prometheusDir, "rules");
const dashboardsDir = path.join(root, "deploy/grafana/dashboards");
const runbooksDir = path.join(root, "docs/runbooks");
const INSTALL_HINT = "promtool is not installed: run `apt-get install -y --no-install-recommends prometheus` (CI's .ci/run does this)";

function promtool(args: string[], cwd = root, binary = "promtool") {
  const result = spawnSync(binary, args, { cwd, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw new Error(`${INSTALL_HINT}\n(${result.error.message})`);
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

type Rule = {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
};
const ruleFiles = fs.readdirSync(rulesDir).filter((f) => f.endsWith(".rules.yml"));
const alerts: Rule[] = ruleFiles.flatMap((file) =>
  (YAML.parse(fs.readFileSync(path.join(rulesDir, file), "utf8")).groups as { rules: Rule[] }[])
    .flatMap((g) => g.rules)
    .filter((r) => r.alert),
);
/** LLMErrorRateHigh → llm-error-rate-high (the runbook's file name). */
const kebab = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();

type Panel = { id: number; type: string; title: string; targets?: { expr: string; refId: string }[]; panels?: Panel[] };
const dashboards = fs
  .readdirSync(dashboardsDir)
  .filter((f) => f.endsWith(".json"))
  .map((file) => ({
    file,
    json: JSON.parse(fs.readFileSync(path.join(dashboardsDir, file), "utf8")) as { uid: string; title: string; panels: Panel[] },
  }));
const panelsOf = (panels: Panel[]): Panel[] => panels.flatMap((p) => [p, ...panelsOf(p.panels ?? [])]);

// promtool runs as a child process: under a loaded machine a run takes seconds, so no 5 s default.
const PROMTOOL = { timeout: 60_000 };

describe("Prometheus configuration and alert rules", PROMTOOL, () => {
  it("the scrape configuration is valid and loads every rules file", () => {
    const check = promtool(["check", "config", "prometheus.yml"], prometheusDir);
    expect(check.ok, check.output).toBe(true);
    expect(check.output).toContain(`SUCCESS: ${ruleFiles.length} rule files found`);
  });

  it("every rules file is valid", () => {
    const check = promtool(["check", "rules", ...ruleFiles.map((f) => path.join(rulesDir, f))]);
    expect(check.ok, check.output).toBe(true);
  });

  it("the alert unit tests pass (error rate, cost spike, latency, queue backlog, targets down)", () => {
    const tests = fs.readdirSync(path.join(prometheusDir, "tests")).filter((f) => f.endsWith(".test.yml"));
    expect(tests.length).toBeGreaterThanOrEqual(2);
    const run = promtool(["test", "rules", ...tests.map((f) => path.join("tests", f))], prometheusDir);
    expect(run.ok, run.output).toBe(true);
    const tested = new Set(
      tests.flatMap((f) =>
        [...fs.readFileSync(path.join(prometheusDir, "tests", f), "utf8").matchAll(/alertname: (\w+)/g)].map((m) => m[1]),
      ),
    );
    for (const name of ["LLMErrorRateHigh", "LLMErrorRateCritical", "LLMCostSpike"]) expect(tested, name).toContain(name);
  });

  it("a broken rule fails the same check (the check can fail)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loupe-rules-"));
    try {
      const broken = path.join(dir, "broken.rules.yml");
      fs.writeFileSync(
        broken,
        "groups:\n  - name: x\n    rules:\n      - alert: Broken\n        expr: sum by (project) (rate(llm_requests_total[5m])\n",
      );
      expect(promtool(["check", "rules", broken]).ok).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("every alert has a severity, a summary, a description and a runbook that exists", () => {
    expect(alerts.length).toBeGreaterThanOrEqual(9);
    const index = fs.readFileSync(path.join(runbooksDir, "README.md"), "utf8");
    for (const rule of alerts) {
      const name = rule.alert as string;
      expect(["warning", "critical"], name).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, name).toBeTruthy();
      expect(rule.annotations?.description, name).toBeTruthy();
      expect(rule.annotations?.runbook_url, name).toBe(`docs/runbooks/${kebab(name)}.md`);
      const runbook = fs.readFileSync(path.join(root, rule.annotations?.runbook_url as string), "utf8");
      expect(runbook, name).toMatch(new RegExp(`^# ${name} \\(${rule.labels?.severity}\\)`));
      expect(index, name).toContain(`| ${name} | ${rule.labels?.severity} |`);
    }
    const runbooks = fs.readdirSync(runbooksDir).filter((f) => f !== "README.md");
    expect(runbooks.sort()).toEqual(alerts.map((a) => `${kebab(a.alert as string)}.md`).sort());
  });
});

describe("Grafana provisioning and dashboards", PROMTOOL, () => {
  it("provisions the Prometheus data source and the dashboards folder the dashboards live in", () => {
    const datasources = YAML.parse(fs.readFileSync(path.join(root, "deploy/grafana/provisioning/datasources/prometheus.yml"), "utf8"));
    expect(datasources.datasources).toContainEqual(
      expect.objectContaining({ type: "prometheus", uid: "prometheus", url: "http://prometheus:9090" }),
    );
    const providers = YAML.parse(fs.readFileSync(path.join(root, "deploy/grafana/provisioning/dashboards/loupe.yml"), "utf8"));
    expect(providers.providers[0].options.path).toBe("/var/lib/grafana/dashboards");
    expect(dashboards.map((d) => d.json.title).sort()).toEqual(["LLM overview", "Loupe operations"]);
  });

  it("the LLM overview has the panels an SRE expects", () => {
    const llm = dashboards.find((d) => d.json.uid === "loupe-llm-overview")?.json ?? expect.fail("no LLM overview");
    const titles = panelsOf(llm.panels).map((p) => p.title);
    for (const wanted of [
      "Request rate",
      "Success and error rate",
      "Latency p50 / p95 / p99",
      "Tokens per second",
      "Cost per hour",
      "Model mix",
      "Tokens per request",
      "Availability (24 h)",
    ]) {
      expect(
        titles.some((t) => t.startsWith(wanted)),
        wanted,
      ).toBe(true);
    }
  });

  it("panel ids are unique per dashboard and every query is valid PromQL", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loupe-dash-"));
    try {
      const rules: { record: string; expr: string }[] = [];
      for (const { file, json } of dashboards) {
        const panels = panelsOf(json.panels);
        expect(new Set(panels.map((p) => p.id)).size, file).toBe(panels.length);
        for (const panel of panels.filter((p) => p.type !== "row")) {
          expect(panel.targets?.length ?? 0, `${file}: ${panel.title}`).toBeGreaterThan(0);
          for (const target of panel.targets ?? []) {
            // Grafana's variables, as Grafana would substitute them, make each query plain PromQL.
            const expr = target.expr.replaceAll("$__rate_interval", "5m").replaceAll("$__range", "6h").replaceAll("$project", ".*");
            expect(expr, `${file}: ${panel.title}`).not.toMatch(/\$/);
            rules.push({ record: `dashboard:panel_${rules.length}`, expr });
          }
        }
      }
      const file = path.join(dir, "dashboards.rules.yml");
      fs.writeFileSync(file, YAML.stringify({ groups: [{ name: "dashboard-queries", rules }] }));
      const check = promtool(["check", "rules", file]);
      expect(check.ok, check.output).toBe(true);
      expect(check.output).toContain(`SUCCESS: ${rules.length} rules found`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

it("says how to install promtool when it is missing", () => {
  expect(() => promtool(["--version"], root, "promtool-that-does-not-exist")).toThrow(
    "apt-get install -y --no-install-recommends prometheus",
  );
});
