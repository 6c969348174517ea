#!/usr/bin/env node
// Masking cost per KB: the built-in PII detectors (V8 RegExp, written linear) and custom rules (RE2 via
// re2js) over ~1 MB of ordinary text, text full of PII, and the pathological inputs of issue 7, each
// pumped to 256 KB. Best of R runs after one warm-up, so a loaded machine adds less noise.
//
//   node bench/masking.mjs [--runs 5]
import { parseArgs } from "node:util";
import { register } from "tsx/esm/api";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Number(args.runs);
register();
const { compileMaskingRules, maskString } = await import("../packages/domain/src/masking/mask-pii.ts");

function best(run) {
  run();
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    min = Math.min(min, performance.now() - started);
  }
  return min;
}

const texts = {
  "plain text (1 MB)":
    "The quick brown fox jumps over the lazy dog. Version 1.2.3 released on 2024-05-06, id 550e8400-e29b-41d4-a716-446655440000. ".repeat(
      8000,
    ),
  "PII-dense text (1 MB)":
    "Contact john.doe@example.com or +1 415 555 1234, card 4111 1111 1111 1111, key sk-abcdefghijklmnop1234. ".repeat(10000),
  'pathological "a.a.a…" (256 KB)': "a.".repeat(128 * 1024),
  'pathological "-eyJ-eyJ…" (256 KB)': "-eyJ".repeat(64 * 1024),
  'pathological "aaa…a!" (256 KB)': `${"a".repeat(256 * 1024)}!`,
};
const rules = {
  "built-ins only": [],
  "+ custom TKT-\\d+": compileMaskingRules([{ name: "ticket", pattern: "TKT-\\d+", replacement: "[T]" }]).rules,
  "+ custom (a+)+$": compileMaskingRules([{ name: "evil", pattern: "(a+)+$", replacement: "[A]" }]).rules,
  "+ custom [a-z]+@[a-z]+": compileMaskingRules([{ name: "mail", pattern: "[a-z]+@[a-z]+", replacement: "[M]" }]).rules,
};

console.log(`| input | ${Object.keys(rules).join(" | ")} |`);
console.log(
  `|---|${Object.keys(rules)
    .map(() => "---")
    .join("|")}|`,
);
for (const [name, text] of Object.entries(texts)) {
  const kb = text.length / 1024;
  const cells = Object.values(rules).map((custom) => {
    const ms = best(() => maskString(text, custom));
    return `${ms.toFixed(1)} ms (${((ms / kb) * 1000).toFixed(0)} µs/KB)`;
  });
  console.log(`| ${name} | ${cells.join(" | ")} |`);
}
