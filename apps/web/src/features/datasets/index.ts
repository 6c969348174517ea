export { DatasetPage } from "./dataset-page";
export { DatasetsPage } from "./datasets-page";
export { AddToDatasetButton } from "./components/add-to-dataset";
export { ComparePage } from "./compare-page";
