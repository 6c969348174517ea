import { z } from "zod";

// Where the Node server listens: the same variables `next start` reads.
const ZNodeServerEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
});

export function nodeServerEnv(): z.infer<typeof ZNodeServerEnv> {
  const parsed = ZNodeServerEnv.safeParse({ PORT: process.env.PORT || undefined, HOSTNAME: process.env.HOSTNAME || undefined });
  if (!parsed.success) {
    throw new Error(`Invalid web configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  return parsed.data;
}
