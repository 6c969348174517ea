import { z } from "zod";

// The only place @loupe/db reads process.env.
const ZDbEnv = z.object({
  DATABASE_URL: z
    .string()
    .default("postgresql://postgres@127.0.0.1:5432/loupe")
    .refine((v) => /^postgres(ql)?:\/\//.test(v), {
      message: "DATABASE_URL must be a postgresql:// connection string, e.g. postgresql://postgres@127.0.0.1:5432/loupe",
    }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
});

export type DbEnv = z.infer<typeof ZDbEnv>;

export function readDbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  const parsed = ZDbEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid database configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
