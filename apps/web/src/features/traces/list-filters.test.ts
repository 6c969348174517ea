import { ZObservationListQuery, ZTraceListQuery } from "@loupe/contracts";
import { describe, expect, it } from "vitest";
import { OBSERVATION_FILTER_FIELDS, TRACE_FILTER_FIELDS } from "./list-filters";

// A select's blank option sends nothing, so the list shows the contract's default for that key. The
// observations table's type defaults to GENERATION: a blank option labelled "Any" hid the errors of
// tools and spans behind "Type: Any + level ≥ warning".
describe("filter selects say what an unset key shows", () => {
  const tables = [
    { name: "traces", fields: TRACE_FILTER_FIELDS, schema: ZTraceListQuery },
    { name: "observations", fields: OBSERVATION_FILTER_FIELDS, schema: ZObservationListQuery },
  ] as const;
  for (const table of tables) {
    it(`${table.name}: "Any" only where unset narrows nothing`, () => {
      const defaults = table.schema.parse({}) as Record<string, unknown>;
      for (const field of table.fields) {
        if (field.kind !== "select") continue;
        const unset = field.unsetLabel ?? "Any";
        if (defaults[field.key] === undefined) expect(unset, field.key).toBe("Any");
        else expect(unset.toLowerCase(), field.key).not.toContain("any");
      }
    });
  }

  it("the observations type offers a real 'any type' that lists every type", () => {
    const type = OBSERVATION_FILTER_FIELDS.find((f) => f.key === "type");
    expect(type?.kind).toBe("select");
    const anyOption = type?.kind === "select" ? type.options.find((o) => /any/i.test(o.label)) : undefined;
    expect(anyOption?.value).toBe("ALL");
    expect(ZObservationListQuery.parse({ type: anyOption?.value }).type).toBe("ALL");
  });
});
