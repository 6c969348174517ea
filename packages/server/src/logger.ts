import pino from "pino";
import { serverEnv } from "./env.ts";

/**
 * Structured JSON logs. Request bodies and credentials never go in: the redact list is a backstop
 * for fields that might slip in through error objects.
 */
export const logger = pino({
  level: serverEnv.LOG_LEVEL,
  base: { service: serverEnv.LOUPE_SERVICE_NAME },
  redact: {
    paths: [
      "authorization",
      "*.authorization",
      "headers.authorization",
      "password",
      "*.password",
      "secretKey",
      "*.secretKey",
      "body",
      "*.body",
    ],
    censor: "[redacted]",
  },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type Logger = typeof logger;
