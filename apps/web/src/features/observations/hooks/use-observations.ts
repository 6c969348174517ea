"use client";

import { ZObservationListResponse } from "@loupe/contracts";
import { type ListViewOptions, useListView } from "@/lib/client/use-list-view";

/** Generations unless the view names another type. */
export const useObservations = (projectId: string, view: string, opts: ListViewOptions) =>
  useListView(ZObservationListResponse, projectId, "observations", view, opts);
