import {
  ZDeleteMembershipRequest,
  ZMembershipDeletionResponse,
  ZMembershipResponse,
  ZMembershipsResponse,
  ZProjectMembershipRequest,
} from "@loupe/contracts";
import { adminDeleteProjectMembership, adminListProjectMemberships, adminPutProjectMembership } from "@loupe/server";
import { z } from "zod";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

const params = z.object({ projectId: z.string().min(1) });

export const GET = defineRoute({
  auth: { kind: "organizationKey" },
  params,
  response: ZMembershipsResponse,
  handler: ({ auth, params }) => adminListProjectMemberships(auth.organizationId, params.projectId),
});

export const PUT = defineRoute({
  auth: { kind: "organizationKey" },
  params,
  body: ZProjectMembershipRequest,
  response: ZMembershipResponse,
  handler: ({ auth, params, body }) => adminPutProjectMembership(auth.organizationId, params.projectId, body, auth.audit),
});

export const DELETE = defineRoute({
  auth: { kind: "organizationKey" },
  params,
  body: ZDeleteMembershipRequest,
  response: ZMembershipDeletionResponse,
  handler: ({ auth, params, body }) => adminDeleteProjectMembership(auth.organizationId, params.projectId, body.userId, auth.audit),
});

export const OPTIONS = corsPreflight;
