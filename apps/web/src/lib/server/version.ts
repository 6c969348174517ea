import "server-only";
import pkg from "../../../package.json" with { type: "json" };

export const LOUPE_VERSION: string = (pkg as { version?: string }).version ?? "0.1.0";
