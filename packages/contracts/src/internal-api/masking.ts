import { z } from "zod";

export const ZMaskingRule = z.object({
  name: z.string().trim().min(1, "Name the rule").max(60),
  pattern: z
    .string()
    .min(1, "Enter a regular expression")
    .max(500)
    .refine((p) => {
      try {
        new RegExp(p, "g");
        return true;
      } catch {
        return false;
      }
    }, "Not a valid regular expression"),
  replacement: z.string().max(60).default("[REDACTED]"),
});

export const ZMaskingSettings = z.object({
  enabled: z.boolean(),
  customRules: z.array(ZMaskingRule).max(50),
});
export type TMaskingSettings = z.infer<typeof ZMaskingSettings>;
