"use client";

import { type Dispatch, type SetStateAction, useEffect, useRef } from "react";
import { usePromptDetail } from "@/features/prompts";
import { draftFromPromptVersion, type PlaygroundDraft } from "./draft";

/** "Open in playground" from a prompt version: loads its messages and config once into the draft. */
export function usePromptPrefill(
  projectId: string,
  from: { name: string; version: number | null } | null,
  setDraft: Dispatch<SetStateAction<PlaygroundDraft>>,
): { loading: boolean; error: string | null } {
  const detail = usePromptDetail(projectId, from?.name ?? "", from !== null);
  const applied = useRef<string | null>(null);
  // No version in the link: the production version, else the newest (as the prompt page picks).
  const version = detail.data
    ? from?.version != null
      ? detail.data.versions.find((v) => v.version === from.version)
      : (detail.data.versions.find((v) => v.labels.includes("production")) ?? detail.data.versions[0])
    : undefined;
  const key = from ? `${from.name}@${version?.version}` : null;
  useEffect(() => {
    if (!from || !version || applied.current === key) return;
    applied.current = key;
    setDraft((d) => draftFromPromptVersion(from.name, version, d));
  }, [from, version, key, setDraft]);
  if (!from) return { loading: false, error: null };
  const error =
    detail.error?.message ?? (detail.data && !version ? `prompt '${from.name}' has no version ${from.version ?? ""}`.trim() : null);
  return { loading: !error && applied.current !== key, error };
}
