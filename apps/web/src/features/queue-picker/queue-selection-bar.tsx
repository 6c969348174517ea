"use client";

import type { AnnotationObjectType } from "@loupe/contracts";
import { SelectionBar } from "@/components/ui/selection-bar";
import { useHasRole } from "@/lib/client/project-role";
import type { TableSelectionState } from "@/lib/client/use-table-selection";
import { formatCount } from "@/lib/shared/format";
import { AddToQueue } from "./add-to-queue";

/** The selection bar of the observations and sessions tables: ticked rows go to an annotation queue (MEMBER+). */
export function QueueSelectionBar({
  projectId,
  state,
  objectType,
  noun,
}: {
  projectId: string;
  state: TableSelectionState<unknown>;
  objectType: AnnotationObjectType;
  noun: string;
}) {
  const canAdd = useHasRole("MEMBER");
  const { selection } = state;
  if (!canAdd || selection?.kind !== "ids") return null;
  return (
    <SelectionBar label={`${selection.ids.length} selected`} onClear={state.clear}>
      <AddToQueue
        projectId={projectId}
        items={{ source: "ids", objectType, objectIds: selection.ids }}
        what={formatCount(selection.ids.length, `selected ${noun}`)}
      />
    </SelectionBar>
  );
}
