"use client";

import type { TEvalOutputDefinition } from "@loupe/contracts";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/textarea";

/** Editable form of an output definition: numeric range, boolean, or categorical labels; always a reasoning. */
export function OutputDefinitionFields({
  value,
  onChange,
}: {
  value: TEvalOutputDefinition;
  onChange: (v: TEvalOutputDefinition) => void;
}) {
  const reasoning = value.reasoning.description;
  const scoreDescription = value.score.description;
  const switchTo = (dataType: TEvalOutputDefinition["dataType"]) => {
    const base = { reasoning: { description: reasoning } };
    if (dataType === "NUMERIC") onChange({ dataType, ...base, score: { description: scoreDescription, minValue: 0, maxValue: 1 } });
    else if (dataType === "BOOLEAN") onChange({ dataType, ...base, score: { description: scoreDescription } });
    else
      onChange({
        dataType,
        ...base,
        score: { description: scoreDescription, categories: ["good", "bad"], shouldAllowMultipleMatches: false },
      });
  };
  const setScore = (patch: Record<string, unknown>) => onChange({ ...value, score: { ...value.score, ...patch } } as TEvalOutputDefinition);
  return (
    <div className="grid gap-4 rounded-lg border p-3 min-[900px]:grid-cols-2">
      <Field label="The judge answers" htmlFor="eval-datatype">
        <Select
          id="eval-datatype"
          className="h-9"
          value={value.dataType}
          onChange={(e) => switchTo(e.target.value as TEvalOutputDefinition["dataType"])}
        >
          <option value="NUMERIC">a number in a range</option>
          <option value="BOOLEAN">true or false</option>
          <option value="CATEGORICAL">one of some labels</option>
        </Select>
      </Field>
      {value.dataType === "NUMERIC" ? (
        <div className="grid grid-cols-2 gap-3">
          <Field label="Min" htmlFor="eval-min">
            <Input
              id="eval-min"
              type="number"
              step="any"
              value={value.score.minValue ?? ""}
              onChange={(e) => setScore({ minValue: e.target.value === "" ? null : Number(e.target.value) })}
            />
          </Field>
          <Field label="Max" htmlFor="eval-max">
            <Input
              id="eval-max"
              type="number"
              step="any"
              value={value.score.maxValue ?? ""}
              onChange={(e) => setScore({ maxValue: e.target.value === "" ? null : Number(e.target.value) })}
            />
          </Field>
        </div>
      ) : value.dataType === "CATEGORICAL" ? (
        <div className="space-y-2">
          <Field label="Labels (comma-separated)" htmlFor="eval-labels">
            <Input
              id="eval-labels"
              value={value.score.categories.join(", ")}
              onChange={(e) =>
                setScore({
                  categories: e.target.value
                    .split(",")
                    .map((s) => s.trim())
                    .filter(Boolean),
                })
              }
            />
          </Field>
          <label className="flex items-center gap-2 text-xs text-muted-foreground">
            <input
              type="checkbox"
              checked={value.score.shouldAllowMultipleMatches}
              onChange={(e) => setScore({ shouldAllowMultipleMatches: e.target.checked })}
            />
            Several labels may apply
          </label>
        </div>
      ) : (
        <div />
      )}
      <Field label="What the score means" htmlFor="eval-score-desc">
        <Input id="eval-score-desc" value={scoreDescription} onChange={(e) => setScore({ description: e.target.value })} />
      </Field>
      <Field label="What the reasoning says" htmlFor="eval-reasoning-desc">
        <Input
          id="eval-reasoning-desc"
          value={reasoning}
          onChange={(e) => onChange({ ...value, reasoning: { description: e.target.value } })}
        />
      </Field>
    </div>
  );
}
