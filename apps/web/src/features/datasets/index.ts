export { DatasetPage } from "./dataset-page";
export { DatasetsPage } from "./datasets-page";
