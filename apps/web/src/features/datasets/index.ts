export { DatasetPage } from "./dataset-page";
export { DatasetsPage } from "./datasets-page";
export { AddToDatasetButton } from "./components/add-to-dataset";
export { useDatasets } from "./hooks/use-datasets";
export { ComparePage } from "./compare-page";
