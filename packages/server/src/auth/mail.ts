import nodemailer from "nodemailer";
import { mailEnv } from "../env.ts";

/** Whether this instance sends mail (`SMTP_CONNECTION_URL` and `EMAIL_FROM_ADDRESS`, Langfuse's names). */
export const mailConfigured = () => mailEnv() !== null;

/** Sends a plain-text mail through the configured SMTP server; false (nothing sent) when none is configured. */
export async function sendMail(message: { to: string; subject: string; text: string }): Promise<boolean> {
  const mail = mailEnv();
  if (!mail) return false;
  await nodemailer.createTransport(mail.smtpUrl).sendMail({ from: mail.from, ...message });
  return true;
}
