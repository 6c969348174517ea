"use client";

import type { TReviewItemResponse, TScoreConfigItem } from "@loupe/contracts";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/shared/cn";

type Values = Record<string, number | string>;

/** This queue's earlier scores on the item (going back shows what was given). */
function initialValues(review: TReviewItemResponse): Values {
  const out: Values = {};
  for (const s of review.scores) {
    const config = review.queue.scoreConfigs.find((c) => c.id === s.configId);
    if (!config) continue;
    out[config.id] = config.dataType === "CATEGORICAL" || config.dataType === "TEXT" ? (s.stringValue ?? "") : (s.value ?? "");
  }
  return out;
}

function Choice({
  config,
  value,
  first,
  onChange,
}: {
  config: TScoreConfigItem;
  value: number | string | undefined;
  first: boolean;
  onChange: (v: number | string) => void;
}) {
  const options =
    config.dataType === "BOOLEAN"
      ? [
          { label: "True", value: 1 as number | string },
          { label: "False", value: 0 },
        ]
      : (config.categories ?? []).map((c) => ({ label: c.label, value: c.label }));
  return (
    <div className="flex flex-wrap gap-1.5" role="radiogroup" aria-label={config.name} data-first-field={first ? "" : undefined}>
      {options.map((o) => (
        <button
          key={o.label}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          onClick={() => onChange(o.value)}
          className={cn(
            "h-7 rounded-md border px-2.5 text-xs",
            value === o.value ? "border-accent bg-accent-soft font-medium text-accent" : "hover:bg-muted",
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

/**
 * One field per score config of the queue and a comment. ⌘/Ctrl+Enter completes from anywhere in
 * the form; the page binds the same on the window for when focus is outside it.
 */
export function ReviewForm({
  review,
  readOnly,
  pending,
  error,
  onComplete,
  onSkip,
}: {
  review: TReviewItemResponse;
  readOnly: boolean;
  pending: boolean;
  error: string | null;
  onComplete: (scores: { configId: string; value: number | string }[], comment: string) => void;
  onSkip: () => void;
}) {
  const id = useId();
  const [values, setValues] = useState<Values>(() => initialValues(review));
  const [comment, setComment] = useState("");
  const submit = () =>
    onComplete(
      Object.entries(values)
        .filter(([, v]) => v !== "")
        .map(([configId, value]) => ({ configId, value })),
      comment,
    );
  return (
    <form
      id="review-form"
      className="space-y-4"
      aria-label="Scores"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
          e.preventDefault();
          submit();
        }
      }}
    >
      {review.queue.scoreConfigs.map((c, i) => (
        <div key={c.id} className="space-y-1.5">
          <label htmlFor={`${id}-${c.id}`} className="flex items-baseline gap-2 text-sm font-medium">
            {c.name}
            <span className="text-xs font-normal text-muted-foreground">
              {c.dataType === "NUMERIC"
                ? [c.minValue, c.maxValue].some((x) => x !== null)
                  ? `${c.minValue ?? "…"} – ${c.maxValue ?? "…"}`
                  : "number"
                : c.dataType.toLowerCase()}
            </span>
          </label>
          {c.description ? <p className="text-xs text-muted-foreground">{c.description}</p> : null}
          {c.dataType === "NUMERIC" || c.dataType === "TEXT" ? (
            <Input
              id={`${id}-${c.id}`}
              data-first-field={i === 0 ? "" : undefined}
              className="h-8"
              type={c.dataType === "NUMERIC" ? "number" : "text"}
              step="any"
              min={c.minValue ?? undefined}
              max={c.maxValue ?? undefined}
              disabled={readOnly}
              value={values[c.id] ?? ""}
              onChange={(e) =>
                setValues((v) => ({
                  ...v,
                  [c.id]: c.dataType === "NUMERIC" && e.target.value !== "" ? Number(e.target.value) : e.target.value,
                }))
              }
            />
          ) : (
            <Choice
              config={c}
              first={i === 0}
              value={values[c.id]}
              onChange={(value) => !readOnly && setValues((v) => ({ ...v, [c.id]: value }))}
            />
          )}
        </div>
      ))}
      <label className="block space-y-1.5 text-sm font-medium" htmlFor={`${id}-comment`}>
        <span>Comment</span>
        <textarea
          id={`${id}-comment`}
          rows={3}
          maxLength={5000}
          disabled={readOnly}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder="What did you notice? (optional, saved as a comment)"
          className="w-full rounded-md border bg-background px-2 py-1.5 text-sm font-normal"
        />
      </label>
      <FormError message={error} />
      {readOnly ? (
        <p className="text-xs text-muted-foreground">Your role may read this queue but not score it.</p>
      ) : (
        <div className="flex items-center gap-2">
          <Button type="submit" size="sm" disabled={pending}>
            {pending ? "Saving…" : review.item.status === "COMPLETED" ? "Update" : "Complete"}{" "}
            <kbd className="text-[10px] opacity-70">⌘↵</kbd>
          </Button>
          <Button variant="secondary" size="sm" onClick={onSkip}>
            Skip <kbd className="text-[10px] opacity-70">S</kbd>
          </Button>
        </div>
      )}
    </form>
  );
}
