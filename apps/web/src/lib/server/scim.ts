import "server-only";
import { SCIM_CONTENT_TYPE, SCIM_ERROR_TYPES, scimErrorBody, type TScimErrorType } from "@loupe/contracts";
import type { ErrorAnswer } from "./define-route";

// The SCIM routes' edge (/api/public/scim/*): answers in application/scim+json, errors in SCIM's schema
// (RFC 7644 3.12) instead of Langfuse's `{ message }`, which IdPs do not read.

export const scimJson = (data: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(data), { status, headers: { "content-type": SCIM_CONTENT_TYPE, ...headers } });

const isScimType = (code: string | undefined): code is TScimErrorType => (SCIM_ERROR_TYPES as readonly string[]).includes(code ?? "");

/** defineRoute's `errorAnswer` for SCIM: a DomainError's code is its scimType; zod issues name the field. */
export const scimErrorResponse: ErrorAnswer = (status, message, { code, issues }) => {
  if (issues?.length) {
    const detail = issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    return scimJson(scimErrorBody(status, detail.slice(0, 2000), "invalidValue"), status);
  }
  const scimType = isScimType(code) ? code : status === 400 && message.includes("not valid JSON") ? "invalidSyntax" : undefined;
  const detail = status >= 500 && code ? `${message} (${code})` : message;
  return scimJson(scimErrorBody(status, detail, scimType), status);
};
