import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../errors.ts";
import { decodeOtlpTraces, decompressOtlpBody, otlpEncodingOf } from "./decode-otlp.ts";
import { ExportTraceServiceRequest } from "./trace-proto.ts";

const TRACE_HEX = "5b8efff798038103d269b633813fc60c";
const SPAN_HEX = "eee19b7ec3c1b174";
const PARENT_HEX = "eee19b7ec3c1b173";

const protoBody = (spans: Record<string, unknown>[], resourceAttributes: unknown[] = []) =>
  Buffer.from(
    ExportTraceServiceRequest.encode(
      ExportTraceServiceRequest.fromObject({
        resourceSpans: [
          { resource: { attributes: resourceAttributes }, scopeSpans: [{ scope: { name: "my-lib", version: "1.2.3" }, spans }] },
        ],
      }),
    ).finish(),
  );

const jsonBody = (spans: unknown[]) => Buffer.from(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ scope: { name: "s" }, spans }] }] }));

const errorOf = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
};

describe("otlpEncodingOf", () => {
  it("accepts json and protobuf content types with parameters, rejects the rest", () => {
    expect(otlpEncodingOf("application/json; charset=utf-8")).toBe("json");
    expect(otlpEncodingOf("application/x-protobuf")).toBe("protobuf");
    expect(errorOf(() => otlpEncodingOf("text/plain")).status).toBe(400);
    expect(errorOf(() => otlpEncodingOf(null)).message).toContain("Invalid content type");
  });
});

describe("decodeOtlpTraces: protobuf", () => {
  it("decodes ids as hex, fixed64 times as decimal strings and every AnyValue kind", () => {
    const body = protoBody(
      [
        {
          traceId: Buffer.from(TRACE_HEX, "hex"),
          spanId: Buffer.from(SPAN_HEX, "hex"),
          parentSpanId: Buffer.from(PARENT_HEX, "hex"),
          name: "chat",
          kind: 3,
          startTimeUnixNano: "1743791323123456789",
          endTimeUnixNano: "1743791324000000000",
          attributes: [
            { key: "s", value: { stringValue: "text" } },
            { key: "empty", value: { stringValue: "" } },
            { key: "b", value: { boolValue: false } },
            { key: "i", value: { intValue: 42 } },
            { key: "big", value: { intValue: "9007199254740993" } },
            { key: "d", value: { doubleValue: 0.25 } },
            { key: "arr", value: { arrayValue: { values: [{ stringValue: "a" }, { intValue: 1 }] } } },
            { key: "kv", value: { kvlistValue: { values: [{ key: "nested", value: { boolValue: true } }] } } },
            { key: "bytes", value: { bytesValue: Buffer.from("hi") } },
          ],
          events: [
            {
              name: "exception",
              timeUnixNano: "1743791323500000000",
              attributes: [{ key: "exception.message", value: { stringValue: "boom" } }],
            },
          ],
          status: { code: 2, message: "failed" },
        },
      ],
      [{ key: "service.name", value: { stringValue: "api" } }],
    );
    const [rs] = decodeOtlpTraces(body, "protobuf");
    expect(rs?.resource.attributes).toEqual({ "service.name": "api" });
    expect(rs?.scopeSpans[0]?.scope).toEqual({ name: "my-lib", version: "1.2.3", attributes: {} });
    expect(rs?.scopeSpans[0]?.spans[0]).toEqual({
      traceId: TRACE_HEX,
      spanId: SPAN_HEX,
      parentSpanId: PARENT_HEX,
      name: "chat",
      kind: 3,
      startTimeUnixNano: "1743791323123456789",
      endTimeUnixNano: "1743791324000000000",
      attributes: {
        s: "text",
        empty: "",
        b: false,
        i: 42,
        big: "9007199254740993",
        d: 0.25,
        arr: ["a", 1],
        kv: { nested: true },
        bytes: Buffer.from("hi").toString("base64"),
      },
      events: [{ name: "exception", timeUnixNano: "1743791323500000000", attributes: { "exception.message": "boom" } }],
      status: { code: 2, message: "failed" },
    });
  });

  it("treats an empty body as an empty export and garbage as a 400", () => {
    expect(decodeOtlpTraces(Buffer.alloc(0), "protobuf")).toEqual([]);
    const error = errorOf(() => decodeOtlpTraces(Buffer.from([0x0a, 0xff, 0xff, 0xff]), "protobuf"));
    expect(error.status).toBe(400);
    expect(error.message).toContain("not a valid OTLP protobuf");
  });

  it("rejects spans without a valid trace or span id", () => {
    const body = protoBody([{ traceId: Buffer.alloc(16), spanId: Buffer.from(SPAN_HEX, "hex"), name: "x" }]);
    expect(errorOf(() => decodeOtlpTraces(body, "protobuf")).message).toContain("traceId");
  });
});

describe("decodeOtlpTraces: JSON", () => {
  it("accepts hex or base64 ids and nanoseconds as strings, numbers or {low, high}", () => {
    const body = jsonBody([
      {
        traceId: TRACE_HEX.toUpperCase(),
        spanId: Buffer.from(SPAN_HEX, "hex").toString("base64"),
        parentSpanId: "",
        name: "root",
        startTimeUnixNano: { low: 1_000_000, high: 406_000_000 },
        endTimeUnixNano: 1743791324000000000,
        attributes: [
          { key: "n", value: { intValue: "7" } },
          { key: "long", value: { intValue: { low: 5, high: 0 } } },
          { key: "nan", value: { doubleValue: "NaN" } },
        ],
        status: { code: "STATUS_CODE_ERROR" },
      },
    ]);
    const span = decodeOtlpTraces(body, "json")[0]?.scopeSpans[0]?.spans[0];
    expect(span).toMatchObject({
      traceId: TRACE_HEX,
      spanId: SPAN_HEX,
      parentSpanId: null,
      startTimeUnixNano: ((406_000_000n << 32n) | 1_000_000n).toString(),
      endTimeUnixNano: "1743791324000000000",
      attributes: { n: 7, long: 5, nan: "NaN" },
      status: { code: 2, message: null },
    });
  });

  it("answers 400 for invalid JSON and for non-array spans (e.g. a logs exporter pointed here)", () => {
    expect(errorOf(() => decodeOtlpTraces(Buffer.from("{nope"), "json")).message).toContain("not valid JSON");
    const logs = Buffer.from(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: { not: "an array" } }] }] }));
    expect(errorOf(() => decodeOtlpTraces(logs, "json")).message).toContain("spans must be an array");
    expect(errorOf(() => decodeOtlpTraces(Buffer.from("[]"), "json")).status).toBe(400);
  });

  it("maps an empty export to no resource spans", () => {
    expect(decodeOtlpTraces(Buffer.from('{"resourceSpans":[]}'), "json")).toEqual([]);
    expect(decodeOtlpTraces(Buffer.from("{}"), "json")).toEqual([]);
  });
});

describe("decompressOtlpBody", () => {
  it("gunzips when asked (or when the bytes are gzip) and passes plain bodies through", () => {
    const plain = jsonBody([]);
    expect(decompressOtlpBody(gzipSync(plain), "gzip", 1_000_000)).toEqual(plain);
    expect(decompressOtlpBody(gzipSync(plain), null, 1_000_000)).toEqual(plain);
    expect(decompressOtlpBody(plain, null, 1_000_000)).toBe(plain);
    expect(decompressOtlpBody(plain, "identity", 1_000_000)).toBe(plain);
  });

  it("caps the decompressed size (413) and rejects broken gzip or unknown encodings (400)", () => {
    const bomb = gzipSync(Buffer.alloc(5_000_000));
    expect(bomb.length).toBeLessThan(10_000);
    expect(errorOf(() => decompressOtlpBody(bomb, "gzip", 1_000_000)).status).toBe(413);
    expect(errorOf(() => decompressOtlpBody(Buffer.from("not gzip"), "gzip", 1_000_000)).status).toBe(400);
    expect(errorOf(() => decompressOtlpBody(Buffer.from("{}"), "br", 1_000_000)).message).toContain("Content-Encoding");
  });

  it("round-trips a gzip-compressed protobuf export", () => {
    const body = protoBody([{ traceId: Buffer.from(TRACE_HEX, "hex"), spanId: Buffer.from(SPAN_HEX, "hex"), name: "z" }]);
    const decoded = decodeOtlpTraces(decompressOtlpBody(gzipSync(body), "gzip", 1_000_000), "protobuf");
    expect(decoded[0]?.scopeSpans[0]?.spans[0]).toMatchObject({ traceId: TRACE_HEX, spanId: SPAN_HEX, name: "z", startTimeUnixNano: null });
  });
});
