import { corsPreflight } from "@/lib/define-route";
import { metricsRoute } from "../../metrics/route";

export const GET = metricsRoute(2);
export const OPTIONS = corsPreflight;
