"use client";

import { MODEL_USAGE_UNITS, type TCreateModelBody, type TPublicModel } from "@loupe/contracts";
import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field, Input } from "@/components/ui/input";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Select, Textarea } from "@/components/ui/textarea";
import { formatCost } from "@/lib/shared/format";
import { useModelWrites } from "./use-model-prices";

type PriceRow = { usageType: string; price: string };
const TOKENIZERS = [
  ["", "None"],
  ["openai", "OpenAI (tiktoken)"],
  ["claude", "Anthropic (Claude)"],
] as const;

const defaultTier = (m: TPublicModel | undefined) => m?.pricingTiers.find((t) => t.isDefault);

/** The default tier's prices as editable rows (input and output for a new model). */
function initialPrices(model: TPublicModel | undefined): PriceRow[] {
  const prices = defaultTier(model)?.prices;
  if (!prices)
    return [
      { usageType: "input", price: "" },
      { usageType: "output", price: "" },
    ];
  return Object.entries(prices).map(([usageType, price]) => ({ usageType, price: String(price) }));
}

/**
 * Add or edit a project model: name, match pattern (RE2), unit, the default tier's price per usage
 * type, and the tokenizer. Other pricing tiers of an edited model are kept as they are; the server
 * checks the pattern and answers what it refuses.
 */
export function ModelFormDialog({ projectId, model, onClose }: { projectId: string; model?: TPublicModel; onClose: () => void }) {
  const { save } = useModelWrites(projectId);
  const [modelName, setModelName] = useState(model?.modelName ?? "");
  const [matchPattern, setMatchPattern] = useState(model?.matchPattern ?? "");
  const [unit, setUnit] = useState(model?.unit ?? "TOKENS");
  const [prices, setPrices] = useState<PriceRow[]>(initialPrices(model));
  const [tokenizerId, setTokenizerId] = useState(model?.tokenizerId ?? "");
  const [tokenizerConfig, setTokenizerConfig] = useState(model?.tokenizerConfig ? JSON.stringify(model.tokenizerConfig, null, 2) : "");
  const [localError, setLocalError] = useState<string | null>(null);
  const setPrice = (i: number, patch: Partial<PriceRow>) => setPrices((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = () => {
    const filled = prices.filter((p) => p.usageType.trim() !== "" || p.price.trim() !== "");
    const bad = filled.find((p) => p.usageType.trim() === "" || p.price.trim() === "" || !(Number(p.price) >= 0));
    if (filled.length === 0) return setLocalError("Give at least one price (usage type and a price per unit).");
    if (bad) return setLocalError(`Each price needs a usage type and a number ≥ 0 (check "${bad.usageType || bad.price}").`);
    let config: Record<string, unknown> | null = null;
    if (tokenizerConfig.trim() !== "") {
      try {
        config = JSON.parse(tokenizerConfig);
      } catch {
        return setLocalError("The tokenizer config must be a JSON object.");
      }
    }
    setLocalError(null);
    const others = (model?.pricingTiers ?? [])
      .filter((t) => !t.isDefault)
      // Stored conditions are the objects the server accepted: sent back as they were.
      .map(({ id: _id, ...t }) => ({ ...t, conditions: t.conditions as Record<string, unknown>[] }));
    const body: TCreateModelBody = {
      modelName: modelName.trim(),
      matchPattern,
      startDate: model?.startDate ?? null,
      unit: unit as TCreateModelBody["unit"],
      tokenizerId: tokenizerId || null,
      tokenizerConfig: config as TCreateModelBody["tokenizerConfig"],
      pricingTiers: [
        {
          name: defaultTier(model)?.name ?? "Standard",
          isDefault: true,
          priority: 0,
          conditions: [],
          prices: Object.fromEntries(filled.map((p) => [p.usageType.trim(), Number(p.price)])),
        },
        ...others,
      ],
    };
    save.mutate({ id: model?.id, body }, { onSuccess: onClose });
  };

  return (
    <ModalDialog
      title={model ? `Edit ${model.modelName}` : "Add a model"}
      description="Observations whose model name matches the pattern are priced with this model (project models before built-in ones)."
      width="lg"
      onClose={onClose}
      footer={(close) => (
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button onClick={submit} disabled={save.isPending || modelName.trim() === "" || matchPattern === ""}>
            {save.isPending ? "Saving…" : model ? "Save model" : "Add model"}
          </Button>
        </>
      )}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Model name" htmlFor="model-name">
          <Input id="model-name" value={modelName} onChange={(e) => setModelName(e.target.value)} placeholder="gpt-4o-mini" />
        </Field>
        <Field label="Unit" htmlFor="model-unit">
          <Select id="model-unit" value={unit} onChange={(e) => setUnit(e.target.value)}>
            {MODEL_USAGE_UNITS.map((u) => (
              <option key={u} value={u}>
                {u.toLowerCase()}
              </option>
            ))}
          </Select>
        </Field>
        <div className="sm:col-span-2">
          <Field label="Match pattern" htmlFor="model-pattern">
            <Input
              id="model-pattern"
              className="font-mono text-xs"
              value={matchPattern}
              onChange={(e) => setMatchPattern(e.target.value)}
              placeholder={"(?i)^(openai/)?gpt-4o-mini$"}
            />
          </Field>
          <p className="mt-1 text-xs text-muted-foreground">
            A regular expression tested against the model name, e.g. <code className="font-mono">{"(?i)^(openai/)?gpt-4o-mini$"}</code>.
            Loupe runs it with RE2 (linear time): no backreferences or lookaround.
          </p>
        </div>
      </div>
      <section className="mt-4 space-y-2">
        <div className="flex items-center justify-between">
          <h3 className="text-sm font-medium">Prices (USD per {unit.toLowerCase().replace(/s$/, "")})</h3>
          <Button variant="secondary" size="sm" onClick={() => setPrices([...prices, { usageType: "", price: "" }])}>
            <Plus className="h-3.5 w-3.5" /> Add usage type
          </Button>
        </div>
        {prices.map((p, i) => (
          <div key={i} className="grid grid-cols-[1fr_1fr_8rem_auto] items-center gap-2">
            <Input
              aria-label="Usage type"
              placeholder="input_cached_tokens"
              value={p.usageType}
              onChange={(e) => setPrice(i, { usageType: e.target.value })}
            />
            <Input
              aria-label={`Price of ${p.usageType || "usage"}`}
              inputMode="decimal"
              className="font-mono text-xs"
              placeholder="0.0000025"
              value={p.price}
              onChange={(e) => setPrice(i, { price: e.target.value })}
            />
            <span className="truncate text-right font-mono text-xs text-muted-foreground tabular">
              {unit === "TOKENS" && Number(p.price) > 0 ? `${formatCost(Number(p.price) * 1e6)} / 1M` : ""}
            </span>
            <Button variant="ghost" aria-label="Remove price" onClick={() => setPrices(prices.filter((_, j) => j !== i))}>
              <Trash2 className="h-4 w-4" />
            </Button>
          </div>
        ))}
      </section>
      <div className="mt-4 grid gap-3 sm:grid-cols-2">
        <Field label="Tokenizer (counts tokens when the SDK sends none)" htmlFor="model-tokenizer">
          <Select id="model-tokenizer" value={tokenizerId} onChange={(e) => setTokenizerId(e.target.value)}>
            {TOKENIZERS.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Tokenizer config (JSON, optional)" htmlFor="model-tokenizer-config">
          <Textarea
            id="model-tokenizer-config"
            rows={3}
            className="font-mono text-xs"
            value={tokenizerConfig}
            onChange={(e) => setTokenizerConfig(e.target.value)}
            placeholder={'{ "tokenizerModel": "gpt-4o" }'}
          />
        </Field>
      </div>
      <div className="mt-3">
        <FormError message={localError ?? save.error?.message ?? null} />
      </div>
    </ModalDialog>
  );
}
