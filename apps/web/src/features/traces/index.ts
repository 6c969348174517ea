export { TracesTable } from "./components/traces-table";
export { TracePage } from "./trace-page";
export { TracesPage } from "./traces-page";
