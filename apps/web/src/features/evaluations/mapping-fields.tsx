"use client";

import { type EvalTarget, MAPPING_SOURCES, type TMappingPreviewResponse, type TVariableMapping } from "@loupe/contracts";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/textarea";

/** A default for each variable: input/output by name, anything else from the trace's metadata key of that name. */
export function defaultMapping(variables: string[], current: TVariableMapping[]): TVariableMapping[] {
  return variables.map(
    (variable) =>
      current.find((m) => m.variable === variable) ?? {
        variable,
        object: "trace",
        objectName: null,
        source: variable === "input" || variable === "output" ? variable : "metadata",
        jsonPath: variable === "input" || variable === "output" ? null : `$.${variable}`,
      },
  );
}

/** One row per evaluator variable: which object, which field, which JSONPath, and the previewed value. */
export function MappingFields({
  target,
  mapping,
  onChange,
  preview,
}: {
  target: EvalTarget;
  mapping: TVariableMapping[];
  onChange: (m: TVariableMapping[]) => void;
  preview: TMappingPreviewResponse | undefined;
}) {
  const update = (i: number, patch: Partial<TVariableMapping>) => onChange(mapping.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  if (mapping.length === 0) return <p className="text-xs text-muted-foreground">The evaluator's prompt has no variables.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border">
      <table className="w-full min-w-[760px] text-[13px]">
        <thead className="bg-panel text-xs text-muted-foreground">
          <tr>
            <th className="h-8 px-3 text-left font-medium">Variable</th>
            <th className="h-8 px-3 text-left font-medium">From</th>
            <th className="h-8 px-3 text-left font-medium">Field</th>
            <th className="h-8 px-3 text-left font-medium">JSONPath (optional)</th>
            <th className="h-8 px-3 text-left font-medium">Preview</th>
          </tr>
        </thead>
        <tbody>
          {mapping.map((m, i) => {
            const shown = preview?.values.find((v) => v.variable === m.variable);
            return (
              <tr key={m.variable} className="border-t align-top" data-testid="mapping-row">
                <td className="px-3 py-1.5 font-mono text-xs">{`{{${m.variable}}}`}</td>
                <td className="px-3 py-1.5">
                  <div className="flex gap-1">
                    <Select
                      aria-label={`${m.variable} from`}
                      className="h-7 text-xs"
                      value={m.object}
                      onChange={(e) => update(i, { object: e.target.value as TVariableMapping["object"], objectName: null })}
                    >
                      <option value="trace">trace</option>
                      <option value="observation">{target === "observation" ? "observation" : "observation named…"}</option>
                    </Select>
                    {m.object === "observation" ? (
                      <Input
                        aria-label={`${m.variable} observation name`}
                        className="h-7 w-36 text-xs"
                        placeholder={target === "observation" ? "(the target)" : "observation name"}
                        value={m.objectName ?? ""}
                        onChange={(e) => update(i, { objectName: e.target.value })}
                      />
                    ) : null}
                  </div>
                </td>
                <td className="px-3 py-1.5">
                  <Select
                    aria-label={`${m.variable} field`}
                    className="h-7 text-xs"
                    value={m.source}
                    onChange={(e) => update(i, { source: e.target.value as TVariableMapping["source"] })}
                  >
                    {MAPPING_SOURCES.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </Select>
                </td>
                <td className="px-3 py-1.5">
                  <Input
                    aria-label={`${m.variable} JSONPath`}
                    className="h-7 font-mono text-xs"
                    placeholder="$.messages[-1:].content"
                    value={m.jsonPath ?? ""}
                    onChange={(e) => update(i, { jsonPath: e.target.value })}
                  />
                </td>
                <td className="max-w-72 px-3 py-1.5 text-xs" data-testid={`preview-${m.variable}`}>
                  {!shown ? (
                    <span className="text-muted-foreground">—</span>
                  ) : shown.problem ? (
                    <span className="text-danger">{shown.problem}</span>
                  ) : (
                    <span className="line-clamp-3 font-mono break-all whitespace-pre-wrap" title={shown.value ?? ""}>
                      {shown.value}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
