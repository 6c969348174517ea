export { inferObservationType } from "./infer-type.ts";
export { nanosToIso, type OtlpMappingResult, otlpToIngestionEvents, parseTags } from "./map-spans.ts";
