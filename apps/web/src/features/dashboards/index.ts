export { HomeDashboardPage } from "./home-dashboard-page";
