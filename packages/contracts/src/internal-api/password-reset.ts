import { z } from "zod";

/** "Forgot your password?": mails a reset link when SMTP is configured (same answer for every address). */
export const ZPasswordResetRequestBody = z.object({ email: z.email("Enter a valid email address").trim().toLowerCase() });
export const ZPasswordResetRequestResponse = z.object({ message: z.string() });

/** A new password through a reset link's token. */
export const ZPasswordResetConfirmBody = z.object({
  token: z.string().min(20, "The reset link is incomplete").max(100),
  password: z.string().min(8, "Use at least 8 characters").max(200),
});
export const ZPasswordResetConfirmResponse = z.object({ email: z.string() });

/** An organization OWNER/ADMIN makes a one-time reset link for a member (valid 24 hours). */
export const ZPasswordResetLinkBody = z.object({ email: z.email("Enter the member's email address").trim().toLowerCase() });
export const ZPasswordResetLinkResponse = z.object({ url: z.url(), expiresAt: z.iso.datetime() });
