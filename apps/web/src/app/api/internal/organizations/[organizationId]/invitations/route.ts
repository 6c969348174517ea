import { ZCreatedInvitation, ZCreateInvitationBody, ZInvitationsResponse } from "@loupe/contracts";
import { createInvitation, listInvitations } from "@loupe/server";
import { z } from "zod";
import { baseUrlOf } from "@/lib/server/base-url";
import { defineRoute, json } from "@/lib/server/define-route";

const params = z.object({ organizationId: z.string().min(1).max(200) });

/** Open invitations (expired ones included, marked by their date). */
export const GET = defineRoute({
  auth: { kind: "organization", can: "organization:members" },
  params,
  response: ZInvitationsResponse,
  handler: async ({ auth }) => ({ invitations: await listInvitations(auth.organizationId) }),
});

/** Invites an e-mail; the answer carries the one-time link (shown once), mailed too when SMTP is set. */
export const POST = defineRoute({
  auth: { kind: "organization", can: "organization:members" },
  params,
  body: ZCreateInvitationBody,
  response: ZCreatedInvitation,
  handler: async ({ req, auth, body }) => json(await createInvitation(auth.organizationId, body, auth, baseUrlOf(req)), 201),
});
