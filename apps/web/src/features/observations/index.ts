export { ObservationsPage } from "./observations-page";
