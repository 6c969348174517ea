"use client";

import {
  type TCreateInvitationBody,
  type TOrganizationRole,
  type Role,
  ZCreatedInvitation,
  ZInvitationsResponse,
  ZOrganizationMember,
  ZOrganizationMembersResponse,
  ZProjectMember,
  ZProjectMembersResponse,
} from "@loupe/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

const orgUrl = (organizationId: string) => `/api/internal/organizations/${encodeURIComponent(organizationId)}`;

export function useOrganizationMembers(organizationId: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.organizationMembers(organizationId);
  const members = useQuery({ queryKey: key, queryFn: () => apiFetch(ZOrganizationMembersResponse, `${orgUrl(organizationId)}/members`) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: TOrganizationRole }) =>
      apiFetch(ZOrganizationMember, `${orgUrl(organizationId)}/members/${encodeURIComponent(userId)}`, { method: "PATCH", body: { role } }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: string) =>
      apiFetch(z.undefined(), `${orgUrl(organizationId)}/members/${encodeURIComponent(userId)}`, { method: "DELETE" }),
    onSettled: refresh,
  });
  return { members, changeRole, remove };
}

export function useInvitations(organizationId: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.invitations(organizationId);
  const invitations = useQuery({ queryKey: key, queryFn: () => apiFetch(ZInvitationsResponse, `${orgUrl(organizationId)}/invitations`) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const create = useMutation({
    mutationFn: (body: TCreateInvitationBody) =>
      apiFetch(ZCreatedInvitation, `${orgUrl(organizationId)}/invitations`, { method: "POST", body }),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      apiFetch(z.undefined(), `${orgUrl(organizationId)}/invitations/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: refresh,
  });
  return { invitations, create, revoke };
}

export function useProjectMembers(projectId: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.projectMembers(projectId);
  const url = `/api/internal/projects/${encodeURIComponent(projectId)}/members`;
  const members = useQuery({ queryKey: key, queryFn: () => apiFetch(ZProjectMembersResponse, url) });
  const setRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role | null }) =>
      apiFetch(ZProjectMember, `${url}/${encodeURIComponent(userId)}`, role ? { method: "PUT", body: { role } } : { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  return { members, setRole };
}
