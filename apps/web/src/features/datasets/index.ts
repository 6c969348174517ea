export { DatasetPage } from "./dataset-page";
export { DatasetsPage } from "./datasets-page";
export { AddToDatasetButton } from "./components/add-to-dataset";
export { DatasetChoiceField, NoDatasetYet, useDatasetChoice } from "./components/dataset-choice";
export { ComparePage } from "./compare-page";
