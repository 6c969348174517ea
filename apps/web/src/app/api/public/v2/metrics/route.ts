import { corsPreflight } from "@/lib/server/define-route";
import { metricsRoute } from "../../metrics/route";

export const GET = metricsRoute(2);
export const OPTIONS = corsPreflight;
