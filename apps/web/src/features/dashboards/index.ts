export { DashboardPage } from "./dashboard-page";
export { DashboardsListPage } from "./dashboards-list-page";
export { HomeDashboardPage } from "./home-dashboard-page";
export { WidgetCard } from "./components/widget-card";
