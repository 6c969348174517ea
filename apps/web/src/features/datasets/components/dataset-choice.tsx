"use client";

import Link from "next/link";
import { useState } from "react";
import { Field } from "@/components/ui/input";
import { Select } from "@/components/ui/textarea";
import { projectRoutes } from "@/lib/shared/routes";
import { useDatasets } from "../hooks/use-datasets";

/** The project's datasets and the one picked in a dialog (the first until the person picks another). */
export function useDatasetChoice(projectId: string) {
  const datasets = useDatasets(projectId);
  const [datasetId, setDatasetId] = useState("");
  const list = datasets.data?.data ?? [];
  const chosen = datasetId || list[0]?.id || "";
  return {
    datasets,
    list,
    chosen,
    setDatasetId,
    chosenName: list.find((d) => d.id === chosen)?.name,
    /** Loaded, and there is none to add to. */
    none: datasets.isSuccess && list.length === 0,
  };
}

type DatasetChoice = ReturnType<typeof useDatasetChoice>;

/** The empty state of an "add to dataset" dialog: where to create the first dataset. */
export function NoDatasetYet({ projectId, what }: { projectId: string /** what the dialog adds: "then add traces here" */; what: string }) {
  return (
    <p className="text-sm text-muted-foreground">
      This project has no dataset yet.{" "}
      <Link className="text-accent underline-offset-2 hover:underline" href={projectRoutes(projectId).datasets}>
        Create one on the datasets page
      </Link>
      , then add {what} here.
    </p>
  );
}

/** The dataset select of an "add to dataset" dialog. */
export function DatasetChoiceField({ choice, id }: { choice: DatasetChoice; id: string }) {
  return (
    <Field label="Dataset" htmlFor={id}>
      <Select id={id} value={choice.chosen} onChange={(e) => choice.setDatasetId(e.target.value)} disabled={!choice.datasets.data}>
        {choice.list.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}
