"use client";

import { HOME_PANELS } from "@loupe/domain";
import { DashboardFilterBar, useDashboardFilters } from "./components/dashboard-filter-bar";
import { PanelCell } from "./components/panel-grid";
import { PanelView } from "./components/panel-view";

/** The project's landing page: the home panels, each a widget spec drawn by the one renderer. */
export function HomeDashboardPage({ projectId }: { projectId: string }) {
  const dashboard = useDashboardFilters();
  return (
    <div className="mx-auto max-w-[1600px] p-4">
      <div className="mb-3 flex items-baseline gap-3">
        <h1 className="text-lg font-semibold tracking-tight">Overview</h1>
        {/* The range is "now" in the reader's time zone: the server's render differs, the browser's wins. */}
        <p className="text-xs text-muted-foreground" suppressHydrationWarning>
          Cost, latency and quality of this project · {dashboard.range.from.toLocaleString("en-GB")} –{" "}
          {dashboard.range.to.toLocaleString("en-GB")}
        </p>
      </div>
      <DashboardFilterBar dashboard={dashboard} />
      <div className="grid grid-cols-12 gap-3" data-testid="home-dashboard">
        {HOME_PANELS.map((panel) => (
          <PanelCell key={panel.id} width={panel.width} height={panel.height}>
            <PanelView projectId={projectId} panel={panel} filters={dashboard.filters} range={dashboard.range} now={dashboard.now} />
          </PanelCell>
        ))}
      </div>
    </div>
  );
}
