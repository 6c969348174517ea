export { TracePage } from "./trace-page";
export { TracesPage } from "./traces-page";
