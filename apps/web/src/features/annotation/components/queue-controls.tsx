"use client";

import { ANNOTATION_OBJECT_TYPES, type AnnotationObjectType, type TPersonRef, type TQueueSummary } from "@loupe/contracts";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useAddQueueItems } from "@/features/queue-picker";
import { useSetAssignees } from "../hooks/use-annotation";
import { Select } from "@/components/ui/textarea";

/** Add objects by id, one per line (a trace, observation or session id copied from its page). */
export function AddItemsForm({ projectId, queueId }: { projectId: string; queueId: string }) {
  const add = useAddQueueItems(projectId, queueId);
  const [type, setType] = useState<AnnotationObjectType>("TRACE");
  const [ids, setIds] = useState("");
  const list = ids.split(/[\s,]+/).filter(Boolean);
  return (
    <form
      className="space-y-2"
      aria-label="Add items"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ source: "ids", objectType: type, objectIds: list }, { onSuccess: () => setIds("") });
      }}
    >
      <div className="flex gap-2">
        <Select aria-label="Object type" className="w-auto" value={type} onChange={(e) => setType(e.target.value as AnnotationObjectType)}>
          {ANNOTATION_OBJECT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t.toLowerCase()}s
            </option>
          ))}
        </Select>
        <Button type="submit" size="sm" className="h-8" disabled={list.length === 0 || add.isPending}>
          Add {list.length > 0 ? list.length : ""}
        </Button>
      </div>
      <textarea
        aria-label="Ids to add"
        rows={3}
        value={ids}
        onChange={(e) => setIds(e.target.value)}
        placeholder="One id per line"
        className="w-full rounded-md border bg-background px-2 py-1.5 font-mono text-xs"
      />
      {add.data ? (
        <p className="text-xs text-muted-foreground" role="status">
          Added {add.data.added}
          {add.data.skipped ? `, ${add.data.skipped} already queued` : ""}.
        </p>
      ) : null}
      <FormError message={add.error?.message ?? null} />
    </form>
  );
}

/** Who reviews this queue: members whose role may annotate. */
export function AssigneesForm({ projectId, queue, members }: { projectId: string; queue: TQueueSummary; members: TPersonRef[] }) {
  const save = useSetAssignees(projectId, queue.id);
  const [picked, setPicked] = useState(() => queue.assignees.map((a) => a.id));
  const changed =
    picked.slice().sort().join() !==
    queue.assignees
      .map((a) => a.id)
      .sort()
      .join();
  return (
    <div className="space-y-2">
      <ul className="space-y-1">
        {members.map((m) => (
          <li key={m.id}>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={picked.includes(m.id)}
                onChange={(e) => setPicked((p) => (e.target.checked ? [...p, m.id] : p.filter((x) => x !== m.id)))}
              />
              <span className="truncate">{m.name ?? m.email}</span>
              {m.name ? <span className="truncate text-xs text-muted-foreground">{m.email}</span> : null}
            </label>
          </li>
        ))}
      </ul>
      <Button size="sm" variant="secondary" disabled={!changed || save.isPending} onClick={() => save.mutate(picked)}>
        Save assignees
      </Button>
      <FormError message={save.error?.message ?? null} />
    </div>
  );
}
