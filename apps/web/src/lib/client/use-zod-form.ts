"use client";

import { type FormEvent, useState } from "react";
import type { z } from "zod";
import { ApiError } from "./api-client";

/**
 * Form state for a form validated by a contracts schema: per-field messages from zod, a form-level
 * message from the API (problem+json title), and a pending flag.
 */
export function useZodForm<S extends z.ZodType>(schema: S, submit: (data: z.infer<S>) => Promise<void>, fallbackError: string) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const values = Object.fromEntries([...new FormData(e.currentTarget)].map(([k, v]) => [k, String(v)]));
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    setFormError(null);
    setPending(true);
    try {
      await submit(parsed.data);
    } catch (error) {
      setFormError(error instanceof ApiError ? error.message : fallbackError);
      setPending(false);
    }
  }

  return { errors, formError, pending, onSubmit };
}
