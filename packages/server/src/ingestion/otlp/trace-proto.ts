import protobuf from "protobufjs";

// The OTLP trace messages we decode, transcribed from the public opentelemetry-proto specification
// (opentelemetry/proto/{common,resource,trace,collector/trace}/v1/*.proto) as a protobufjs JSON
// descriptor. Kept in code rather than loading .proto files so bundlers (Next) need no file access.
// Enums (SpanKind, StatusCode) are declared as int32: same varint wire format, and we want numbers.

const repeated = (type: string, id: number) => ({ rule: "repeated", type, id });
const field = (type: string, id: number) => ({ type, id });

const descriptor = {
  nested: {
    opentelemetry: {
      nested: {
        proto: {
          nested: {
            common: {
              nested: {
                v1: {
                  nested: {
                    AnyValue: {
                      oneofs: {
                        value: {
                          oneof: ["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue"],
                        },
                      },
                      fields: {
                        stringValue: field("string", 1),
                        boolValue: field("bool", 2),
                        intValue: field("int64", 3),
                        doubleValue: field("double", 4),
                        arrayValue: field("ArrayValue", 5),
                        kvlistValue: field("KeyValueList", 6),
                        bytesValue: field("bytes", 7),
                      },
                    },
                    ArrayValue: { fields: { values: repeated("AnyValue", 1) } },
                    KeyValueList: { fields: { values: repeated("KeyValue", 1) } },
                    KeyValue: { fields: { key: field("string", 1), value: field("AnyValue", 2) } },
                    InstrumentationScope: {
                      fields: {
                        name: field("string", 1),
                        version: field("string", 2),
                        attributes: repeated("KeyValue", 3),
                        droppedAttributesCount: field("uint32", 4),
                      },
                    },
                  },
                },
              },
            },
            resource: {
              nested: {
                v1: {
                  nested: {
                    Resource: {
                      fields: {
                        attributes: repeated("opentelemetry.proto.common.v1.KeyValue", 1),
                        droppedAttributesCount: field("uint32", 2),
                      },
                    },
                  },
                },
              },
            },
            trace: {
              nested: {
                v1: {
                  nested: {
                    ResourceSpans: {
                      fields: {
                        resource: field("opentelemetry.proto.resource.v1.Resource", 1),
                        scopeSpans: repeated("ScopeSpans", 2),
                        schemaUrl: field("string", 3),
                      },
                    },
                    ScopeSpans: {
                      fields: {
                        scope: field("opentelemetry.proto.common.v1.InstrumentationScope", 1),
                        spans: repeated("Span", 2),
                        schemaUrl: field("string", 3),
                      },
                    },
                    Span: {
                      fields: {
                        traceId: field("bytes", 1),
                        spanId: field("bytes", 2),
                        traceState: field("string", 3),
                        parentSpanId: field("bytes", 4),
                        flags: field("fixed32", 16),
                        name: field("string", 5),
                        kind: field("int32", 6),
                        startTimeUnixNano: field("fixed64", 7),
                        endTimeUnixNano: field("fixed64", 8),
                        attributes: repeated("opentelemetry.proto.common.v1.KeyValue", 9),
                        droppedAttributesCount: field("uint32", 10),
                        events: repeated("Event", 11),
                        droppedEventsCount: field("uint32", 12),
                        links: repeated("Link", 13),
                        droppedLinksCount: field("uint32", 14),
                        status: field("Status", 15),
                      },
                      nested: {
                        Event: {
                          fields: {
                            timeUnixNano: field("fixed64", 1),
                            name: field("string", 2),
                            attributes: repeated("opentelemetry.proto.common.v1.KeyValue", 3),
                            droppedAttributesCount: field("uint32", 4),
                          },
                        },
                        Link: {
                          fields: {
                            traceId: field("bytes", 1),
                            spanId: field("bytes", 2),
                            traceState: field("string", 3),
                            attributes: repeated("opentelemetry.proto.common.v1.KeyValue", 4),
                            droppedAttributesCount: field("uint32", 5),
                            flags: field("fixed32", 6),
                          },
                        },
                      },
                    },
                    Status: { fields: { message: field("string", 2), code: field("int32", 3) } },
                  },
                },
              },
            },
            collector: {
              nested: {
                trace: {
                  nested: {
                    v1: {
                      nested: {
                        ExportTraceServiceRequest: { fields: { resourceSpans: repeated("opentelemetry.proto.trace.v1.ResourceSpans", 1) } },
                        ExportTraceServiceResponse: { fields: { partialSuccess: field("ExportTracePartialSuccess", 1) } },
                        ExportTracePartialSuccess: { fields: { rejectedSpans: field("int64", 1), errorMessage: field("string", 2) } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(descriptor);

export const ExportTraceServiceRequest = root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest");
export const ExportTraceServiceResponse = root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse");
