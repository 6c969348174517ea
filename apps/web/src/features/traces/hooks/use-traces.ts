"use client";

import { ZTraceListResponse } from "@loupe/contracts";
import { type ListViewOptions, useListView } from "@/lib/client/use-list-view";

export const useTraces = (projectId: string, view: string, opts: ListViewOptions) =>
  useListView(ZTraceListResponse, projectId, "traces", view, opts);
