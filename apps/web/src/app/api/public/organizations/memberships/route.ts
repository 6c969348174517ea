import {
  ZDeleteMembershipRequest,
  ZMembershipDeletionResponse,
  ZMembershipRequest,
  ZMembershipResponse,
  ZMembershipsResponse,
} from "@loupe/contracts";
import { adminDeleteOrganizationMembership, adminListOrganizationMemberships, adminPutOrganizationMembership } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "organizationKey" },
  response: ZMembershipsResponse,
  handler: ({ auth }) => adminListOrganizationMemberships(auth.organizationId),
});

export const PUT = defineRoute({
  auth: { kind: "organizationKey" },
  body: ZMembershipRequest,
  response: ZMembershipResponse,
  handler: ({ auth, body }) => adminPutOrganizationMembership(auth.organizationId, body, auth.audit),
});

export const DELETE = defineRoute({
  auth: { kind: "organizationKey" },
  body: ZDeleteMembershipRequest,
  response: ZMembershipDeletionResponse,
  handler: ({ auth, body }) => adminDeleteOrganizationMembership(auth.organizationId, body.userId, auth.audit),
});

export const OPTIONS = corsPreflight;
