"use client";

import {
  type TAddDashboardWidgetBody,
  type TDashboardWithWidgets,
  type TUpdateDashboardBody,
  type TUpdateWidgetBody,
  ZDashboard,
  ZDashboardList,
  ZDashboardWithWidgets,
  ZDeleted,
  ZWidget,
} from "@loupe/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

const dashboardsUrl = (projectId: string) => `${projectApi(projectId)}/dashboards`;

export function useDashboards(projectId: string) {
  return useQuery({
    queryKey: queryKeys.dashboards(projectId),
    queryFn: () => apiFetch(ZDashboardList, `${dashboardsUrl(projectId)}?limit=100`),
  });
}

export function useDashboard(projectId: string, dashboardId: string) {
  return useQuery({
    queryKey: queryKeys.dashboard(projectId, dashboardId),
    queryFn: () => apiFetch(ZDashboardWithWidgets, `${dashboardsUrl(projectId)}/${encodeURIComponent(dashboardId)}`),
  });
}

/** Every write refreshes the list and the dashboard it touched. */
export function useDashboardMutations(projectId: string) {
  const client = useQueryClient();
  const invalidate = () => client.invalidateQueries({ queryKey: queryKeys.dashboards(projectId) });
  const setDetail = (data: TDashboardWithWidgets) => client.setQueryData(queryKeys.dashboard(projectId, data.dashboard.id), data);
  const one = (id: string) => `${dashboardsUrl(projectId)}/${encodeURIComponent(id)}`;
  return {
    create: useMutation({
      mutationFn: (body: { name: string; description?: string }) =>
        apiFetch(ZDashboard, dashboardsUrl(projectId), { method: "POST", body }),
      onSuccess: invalidate,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: TUpdateDashboardBody }) => apiFetch(ZDashboard, one(id), { method: "PATCH", body }),
      onSuccess: (dashboard) => {
        client.setQueryData<TDashboardWithWidgets>(queryKeys.dashboard(projectId, dashboard.id), (old) =>
          old ? { ...old, dashboard } : old,
        );
        return invalidate();
      },
    }),
    duplicate: useMutation({
      mutationFn: (id: string) => apiFetch(ZDashboard, `${one(id)}/duplicate`, { method: "POST" }),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: (id: string) => apiFetch(ZDeleted, one(id), { method: "DELETE" }),
      onSuccess: invalidate,
    }),
    addWidget: useMutation({
      mutationFn: ({ id, body }: { id: string; body: TAddDashboardWidgetBody }) =>
        apiFetch(ZDashboardWithWidgets, `${one(id)}/widgets`, { method: "POST", body }),
      onSuccess: (data) => {
        setDetail(data);
        return invalidate();
      },
    }),
    updateWidget: useMutation({
      mutationFn: ({ id, widgetId, body }: { id: string; widgetId: string; body: TUpdateWidgetBody }) =>
        apiFetch(ZWidget, `${one(id)}/widgets/${encodeURIComponent(widgetId)}`, { method: "PATCH", body }),
      onSuccess: (widget, { id }) =>
        client.setQueryData<TDashboardWithWidgets>(queryKeys.dashboard(projectId, id), (old) =>
          old ? { ...old, widgets: old.widgets.map((w) => (w.id === widget.id ? widget : w)) } : old,
        ),
    }),
    removeWidget: useMutation({
      mutationFn: ({ id, widgetId }: { id: string; widgetId: string }) =>
        apiFetch(ZDashboardWithWidgets, `${one(id)}/widgets/${encodeURIComponent(widgetId)}`, { method: "DELETE" }),
      onSuccess: setDetail,
    }),
  };
}
