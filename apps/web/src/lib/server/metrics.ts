import "server-only";

// The metrics live beside the Node server, which records the requests it answers before Next.
export { countIngestionEvents, observeHttpRequest, routePattern, webMetrics } from "../../node-server/web-metrics";
