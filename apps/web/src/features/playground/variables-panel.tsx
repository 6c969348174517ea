"use client";

import { Textarea } from "@/components/ui/textarea";

export function VariablesPanel({
  variables,
  placeholders,
  values,
  placeholderValues,
  onValue,
  onPlaceholder,
}: {
  variables: string[];
  placeholders: string[];
  values: Record<string, string>;
  placeholderValues: Record<string, string>;
  onValue: (name: string, value: string) => void;
  onPlaceholder: (name: string, value: string) => void;
}) {
  return (
    <aside aria-label="Variables" className="space-y-5 p-4">
      <section>
        <h2 className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">Variables</h2>
        {variables.length === 0 ? (
          <p className="mt-2 text-xs text-muted-foreground">
            Write <span className="font-mono text-accent">{"{{name}}"}</span> in a message to add a variable; fill it in here.
          </p>
        ) : (
          <div className="mt-2 space-y-2">
            {variables.map((name) => (
              <label key={name} className="block text-xs">
                <span className="font-mono text-accent">{name}</span>
                <Textarea
                  aria-label={`Variable ${name}`}
                  rows={2}
                  className="mt-1 min-h-9 resize-y text-[13px]"
                  value={values[name] ?? ""}
                  onChange={(e) => onValue(name, e.target.value)}
                />
              </label>
            ))}
          </div>
        )}
      </section>
      {placeholders.length > 0 ? (
        <section>
          <h2 className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">Placeholders</h2>
          <div className="mt-2 space-y-2">
            {placeholders.map((name) => (
              <label key={name} className="block text-xs">
                <span className="font-mono text-accent">{name}</span>
                <Textarea
                  aria-label={`Placeholder ${name}`}
                  rows={4}
                  className="mt-1 font-mono text-xs"
                  placeholder={'[{"role": "user", "content": "…"}]'}
                  value={placeholderValues[name] ?? ""}
                  onChange={(e) => onPlaceholder(name, e.target.value)}
                />
              </label>
            ))}
          </div>
        </section>
      ) : null}
    </aside>
  );
}
