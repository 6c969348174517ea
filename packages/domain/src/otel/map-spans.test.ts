import {
  type TAcceptedEvent,
  type TObservationBody,
  type TOtlpAttributes,
  type TOtlpResourceSpans,
  type TOtlpSpan,
  type TOtlpSpanEvent,
  isEventOfKind,
} from "@loupe/contracts";
import { describe, expect, it } from "vitest";
import { mergeTrace } from "../observations/merge.ts";
import { nanosToIso, otlpToIngestionEvents, parseTags } from "./map-spans.ts";

const TRACE = "5b8efff798038103d269b633813fc60c";
const ROOT = "a000000000000001";
const CHILD = "a000000000000002";
const T0 = 1_743_791_323_000n * 1_000_000n;
const now = new Date("2026-01-01T00:00:00.000Z");

function span(overrides: Partial<TOtlpSpan> & { attributes?: TOtlpAttributes } = {}): TOtlpSpan {
  return {
    traceId: TRACE,
    spanId: ROOT,
    parentSpanId: null,
    name: "op",
    kind: 1,
    startTimeUnixNano: T0.toString(),
    endTimeUnixNano: (T0 + 1_500_000_000n).toString(),
    events: [],
    status: { code: 0, message: null },
    ...overrides,
    attributes: overrides.attributes ?? {},
  };
}

function exportOf(spans: TOtlpSpan[], opts: { resource?: TOtlpAttributes; scope?: string } = {}): TOtlpResourceSpans[] {
  return [
    {
      resource: { attributes: opts.resource ?? {} },
      scopeSpans: [{ scope: { name: opts.scope ?? "my-lib", version: "1.0", attributes: {} }, spans }],
    },
  ];
}

function map(spans: TOtlpSpan[], opts: { resource?: TOtlpAttributes; scope?: string } = {}) {
  const result = otlpToIngestionEvents(exportOf(spans, opts), { now });
  expect(result.rejected).toEqual([]);
  return result.events;
}

const observationOf = (events: TAcceptedEvent[], spanId = ROOT) => {
  const event = events.filter((e) => isEventOfKind(e, "observation")).find((e) => e.body.id === spanId);
  if (!event) throw new Error(`no observation event for ${spanId}`);
  return { ...event, body: event.body as TObservationBody };
};
const tracesOf = (events: TAcceptedEvent[]) => events.filter((e) => isEventOfKind(e, "trace"));

describe("otlpToIngestionEvents: ids, times, tree", () => {
  it("emits one trace-create and one observation event per span with deterministic ids", () => {
    const spans = [span({ name: "root" }), span({ spanId: CHILD, parentSpanId: ROOT, name: "child" })];
    const events = map(spans);
    expect(events.map((e) => [e.type, e.id])).toEqual([
      ["trace-create", `otel-${TRACE}-${ROOT}-trace`],
      ["span-create", `otel-${TRACE}-${ROOT}-observation`],
      ["trace-create", `otel-${TRACE}-${CHILD}-trace`],
      ["span-create", `otel-${TRACE}-${CHILD}-observation`],
    ]);
    // A re-sent export maps to the very same events (idempotent ingestion).
    expect(map(spans)).toEqual(events);
    expect(observationOf(events).body).toMatchObject({
      id: ROOT,
      traceId: TRACE,
      name: "root",
      startTime: "2025-04-04T18:28:43.000Z",
      endTime: "2025-04-04T18:28:44.500Z",
    });
    expect(observationOf(events, CHILD).body.parentObservationId).toBe(ROOT);
    expect(observationOf(events).body.parentObservationId).toBeUndefined();
  });

  it("falls back to the other timestamp, then to now", () => {
    expect(observationOf(map([span({ startTimeUnixNano: null })])).body.startTime).toBe("2025-04-04T18:28:44.500Z");
    const neither = observationOf(map([span({ startTimeUnixNano: null, endTimeUnixNano: null })])).body;
    expect([neither.startTime, neither.endTime]).toEqual([now.toISOString(), now.toISOString()]);
    expect(nanosToIso("0")).toBeUndefined();
  });

  it("treats langfuse.internal.as_root spans as trace roots even with a parent", () => {
    const events = map([span({ parentSpanId: "ffffffffffffffff", name: "entry", attributes: { "langfuse.internal.as_root": true } })]);
    expect(tracesOf(events)[0]?.body.name).toBe("entry");
    expect(observationOf(events).body.parentObservationId).toBeUndefined();
  });

  it("maps each inferred type to its create event; events get no end time", () => {
    const events = map([
      span({ attributes: { "gen_ai.operation.name": "chat" } }),
      span({ spanId: "b000000000000001", attributes: { "langfuse.observation.type": "event" } }),
      span({ spanId: "b000000000000002", attributes: { "gen_ai.operation.name": "invoke_agent" } }),
      span({ spanId: "b000000000000003", attributes: { "openinference.span.kind": "RETRIEVER" } }),
    ]);
    expect(events.filter((e) => e.type !== "trace-create").map((e) => e.type)).toEqual([
      "generation-create",
      "event-create",
      "agent-create",
      "retriever-create",
    ]);
    expect(observationOf(events, "b000000000000001").body.endTime).toBeUndefined();
  });
});

describe("otlpToIngestionEvents: input and output (§4.6)", () => {
  const io = (attributes: TOtlpAttributes, extra: Partial<TOtlpSpan> = {}, scope?: string) => {
    const body = observationOf(map([span({ ...extra, attributes })], { scope })).body;
    return { input: body.input, output: body.output, attributes: (body.metadata as { attributes?: object }).attributes };
  };

  it("parses langfuse.observation.input/output JSON, keeps raw strings", () => {
    expect(io({ "langfuse.observation.input": '{"q":"hi"}', "langfuse.observation.output": "plain answer" })).toMatchObject({
      input: { q: "hi" },
      output: "plain answer",
    });
  });

  it("rebuilds Traceloop gen_ai.prompt/completion indexed attributes", () => {
    const result = io({
      "gen_ai.prompt.0.role": "system",
      "gen_ai.prompt.0.content": "be brief",
      "gen_ai.prompt.1.role": "user",
      "gen_ai.prompt.1.content": "hi",
      "gen_ai.completion.0.role": "assistant",
      "gen_ai.completion.0.content": "hello",
    });
    expect(result.input).toEqual([
      { role: "system", content: "be brief" },
      { role: "user", content: "hi" },
    ]);
    expect(result.output).toEqual([{ role: "assistant", content: "hello" }]);
    expect(result.attributes).toBeUndefined();
  });

  it("reads OTel GenAI message lists and prepends system instructions", () => {
    const result = io({
      "gen_ai.system_instructions": "be brief",
      "gen_ai.input.messages": JSON.stringify([{ role: "user", content: "hi" }]),
      "gen_ai.output.messages": JSON.stringify([{ role: "assistant", content: "yo" }]),
    });
    expect(result.input).toEqual([
      { role: "system", content: "be brief" },
      { role: "user", content: "hi" },
    ]);
    expect(result.output).toEqual([{ role: "assistant", content: "yo" }]);
  });

  it("reads OpenInference input.value/output.value and llm.input_messages", () => {
    expect(io({ "input.value": '{"question":"x"}', "output.value": "y" })).toMatchObject({ input: { question: "x" }, output: "y" });
    const messages = io({
      "llm.input_messages.0.message.role": "user",
      "llm.input_messages.0.message.content": "hi",
      "llm.output_messages.0.message.role": "assistant",
      "llm.output_messages.0.message.content": "hello",
    });
    expect(messages.input).toEqual([{ role: "user", content: "hi" }]);
    expect(messages.output).toEqual([{ role: "assistant", content: "hello" }]);
  });

  it("reads traceloop.entity.input/output and tool call arguments/results", () => {
    expect(io({ "traceloop.entity.input": '{"a":1}', "traceloop.entity.output": '{"b":2}' })).toMatchObject({
      input: { a: 1 },
      output: { b: 2 },
    });
    expect(io({ "gen_ai.tool.call.arguments": '{"city":"Paris"}', "gen_ai.tool.call.result": "sunny" })).toMatchObject({
      input: { city: "Paris" },
      output: "sunny",
    });
  });

  it("reads GenAI message events and Vercel AI attributes", () => {
    const events: TOtlpSpanEvent[] = [
      { name: "gen_ai.user.message", timeUnixNano: null, attributes: { content: "hi" } },
      { name: "gen_ai.choice", timeUnixNano: null, attributes: { "gen_ai.message": '{"content":"hello"}' } },
    ];
    expect(io({}, { events })).toMatchObject({ input: [{ role: "user", content: "hi" }], output: { message: { content: "hello" } } });
    expect(io({ "ai.prompt.messages": '[{"role":"user"}]', "ai.response.text": "done" }, {}, "ai")).toMatchObject({
      input: [{ role: "user" }],
      output: "done",
    });
  });

  it("prefers the Langfuse attributes over generic ones and keeps neither in metadata", () => {
    const result = io({ "langfuse.observation.input": '"lf"', "input.value": "generic", "http.route": "/x" });
    expect(result.input).toBe("lf");
    expect(result.attributes).toEqual({ "http.route": "/x" });
  });
});

describe("otlpToIngestionEvents: model, usage, cost, prompt (§4.3, §4.7)", () => {
  it("reads model, parameters and generic GenAI usage with cache and reasoning split out", () => {
    const body = observationOf(
      map([
        span({
          attributes: {
            "gen_ai.request.model": "gpt-4o",
            "gen_ai.response.model": "gpt-4o-2024-08-06",
            "gen_ai.request.temperature": 0.2,
            "gen_ai.request.stop_sequences": ["\n"],
            "gen_ai.usage.input_tokens": 1000,
            "gen_ai.usage.output_tokens": 300,
            "gen_ai.usage.cache_read_input_tokens": 200,
            "gen_ai.usage.reasoning.output_tokens": 100,
            "gen_ai.usage.cost": 0.5,
          },
        }),
      ]),
    ).body;
    expect(body.model).toBe("gpt-4o-2024-08-06");
    expect(body.modelParameters).toEqual({ temperature: 0.2, stop_sequences: ["\n"] });
    expect(body.usageDetails).toEqual({ input: 800, output: 200, input_cached: 200, output_reasoning: 100 });
    expect(body.costDetails).toEqual({ total: 0.5 });
    expect((body.metadata as { attributes?: object }).attributes).toBeUndefined();
  });

  it("reads OpenInference token counts and invocation parameters", () => {
    const body = observationOf(
      map([
        span({
          attributes: {
            "llm.model_name": "claude-3-5-sonnet",
            "llm.invocation_parameters": '{"max_tokens":100,"tools":[{"x":1}]}',
            "llm.token_count.prompt": 50,
            "llm.token_count.completion": 10,
            "llm.token_count.total": 60,
          },
        }),
      ]),
    ).body;
    expect(body.modelParameters).toEqual({ max_tokens: 100, tools: '[{"x":1}]' });
    expect(body.usageDetails).toEqual({ input: 50, output: 10, total: 60 });
  });

  it("reads an OpenLLMetry (Traceloop) LLM span: usage, total, cache reads, user and session", () => {
    const events = map([
      span({
        attributes: {
          "traceloop.span.kind": "llm",
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.usage.prompt_tokens": 120,
          "gen_ai.usage.completion_tokens": 30,
          "gen_ai.usage.cache_read_input_tokens": 20,
          "llm.usage.total_tokens": 150,
          "traceloop.association.properties.user_id": "u-7",
          "traceloop.association.properties.session_id": "s-7",
        },
      }),
    ]);
    const body = observationOf(events).body;
    expect(body.usageDetails).toEqual({ input: 100, output: 30, total: 150, input_cached: 20 });
    expect(tracesOf(events)[0]?.body).toMatchObject({ userId: "u-7", sessionId: "s-7" });
    // Everything but the span kind was understood, so nothing else is left over as raw metadata.
    expect((body.metadata as { attributes?: object }).attributes).toEqual({ "traceloop.span.kind": "llm" });
  });

  it("lets the Langfuse usage/cost JSON win and links prompts only on generations", () => {
    const attributes = {
      "langfuse.observation.type": "generation",
      "langfuse.observation.model.name": "my-model",
      "langfuse.observation.usage_details": '{"input":10,"output":20}',
      "langfuse.observation.cost_details": '{"total":0.01}',
      "gen_ai.usage.input_tokens": 999,
      "langfuse.observation.prompt.name": "greeting",
      "langfuse.observation.prompt.version": 3,
      "langfuse.observation.completion_start_time": '"2025-04-04T18:28:43.250Z"',
    };
    const body = observationOf(map([span({ attributes })])).body;
    expect(body).toMatchObject({
      model: "my-model",
      usageDetails: { input: 10, output: 20 },
      costDetails: { total: 0.01 },
      promptName: "greeting",
      promptVersion: 3,
      completionStartTime: "2025-04-04T18:28:43.250Z",
    });
    const asSpan = observationOf(map([span({ attributes: { ...attributes, "langfuse.observation.type": "span" } })])).body;
    expect(asSpan.promptName).toBeUndefined();
  });

  it("drops a prompt name without a usable version (the schema wants both)", () => {
    const body = observationOf(map([span({ attributes: { "gen_ai.request.model": "m", "langfuse.observation.prompt.name": "p" } })])).body;
    expect(body.promptName).toBeUndefined();
  });
});

describe("otlpToIngestionEvents: level and status", () => {
  it("maps span status ERROR to level ERROR with its message", () => {
    const body = observationOf(map([span({ status: { code: 2, message: "upstream 503" } })])).body;
    expect(body).toMatchObject({ level: "ERROR", statusMessage: "upstream 503" });
  });

  it("maps exception events to ERROR with exception.message", () => {
    const events = [{ name: "exception", timeUnixNano: null, attributes: { "exception.message": "boom", "exception.type": "Error" } }];
    expect(observationOf(map([span({ events })])).body).toMatchObject({ level: "ERROR", statusMessage: "boom" });
  });

  it("prefers langfuse.observation.level (with aliases) and status_message", () => {
    const attributes = { "langfuse.observation.level": "warn", "langfuse.observation.status_message": "slow" };
    expect(observationOf(map([span({ attributes, status: { code: 2, message: "x" } })])).body).toMatchObject({
      level: "WARNING",
      statusMessage: "slow",
    });
    expect(observationOf(map([span()])).body.level).toBeUndefined();
  });
});

describe("otlpToIngestionEvents: trace attributes and metadata", () => {
  it("builds the trace from the root span: name, I/O, environment, release, version", () => {
    const events = map(
      [
        span({
          name: "handle",
          attributes: { "langfuse.observation.input": '{"q":1}', "langfuse.observation.output": '{"a":2}', "langfuse.release": "r1" },
        }),
      ],
      { resource: { "service.name": "api", "service.version": "2.0", "deployment.environment.name": "Production" } },
    );
    const [trace] = tracesOf(events);
    expect(trace?.body).toMatchObject({
      id: TRACE,
      name: "handle",
      input: { q: 1 },
      output: { a: 2 },
      release: "r1",
      version: "2.0",
      environment: "Production",
      timestamp: "2025-04-04T18:28:43.000Z",
    });
    expect(trace?.body.metadata).toMatchObject({
      resourceAttributes: { "service.name": "api" },
      scope: { name: "my-lib", version: "1.0" },
    });
    expect(observationOf(events).body.environment).toBe("Production");
  });

  it("takes trace-level attributes from any span and lets the worker merge them", () => {
    const events = map([
      span({ name: "root", attributes: { "langfuse.trace.tags": ["a"], "langfuse.environment": "dev" } }),
      span({
        spanId: CHILD,
        parentSpanId: ROOT,
        name: "child",
        startTimeUnixNano: (T0 + 1n).toString(),
        attributes: {
          "user.id": "u1",
          "session.id": "s1",
          "langfuse.trace.name": "renamed",
          "langfuse.trace.output": '{"final":true}',
          "langfuse.trace.tags": '["b","a"]',
          "langfuse.trace.metadata.team": "search",
          "langfuse.trace.public": true,
          "langfuse.environment": "dev",
        },
      }),
    ]);
    const childTrace = tracesOf(events)[1]?.body;
    expect(childTrace).toMatchObject({ userId: "u1", sessionId: "s1", name: "renamed", public: true, metadata: { team: "search" } });
    expect(childTrace?.input).toBeUndefined();
    const merged = mergeTrace(null, tracesOf(events));
    expect(merged).toMatchObject({
      name: "renamed",
      userId: "u1",
      sessionId: "s1",
      output: { final: true },
      tags: ["a", "b"],
      public: true,
      environment: "dev",
    });
    expect(merged.metadata).toMatchObject({ team: "search", scope: { name: "my-lib" } });
  });

  it("merges a trace whose spans arrive in separate exports", () => {
    const first = map([span({ spanId: CHILD, parentSpanId: ROOT, attributes: { "langfuse.user.id": "u9" } })]);
    const second = map([span({ name: "late-root" })]);
    const merged = mergeTrace(mergeTrace(null, tracesOf(first)), tracesOf(second));
    expect(merged).toMatchObject({ id: TRACE, name: "late-root", userId: "u9" });
  });

  it("reads tags in every form and user metadata objects", () => {
    expect(parseTags(["a", "b"])).toEqual(["a", "b"]);
    expect(parseTags('["a","b"]')).toEqual(["a", "b"]);
    expect(parseTags("a, b")).toEqual(["a", "b"]);
    expect(parseTags("single")).toEqual(["single"]);
    expect(parseTags("")).toBeUndefined();

    const body = observationOf(
      map([
        span({
          attributes: { "langfuse.observation.metadata": '{"a":1}', "langfuse.observation.metadata.b": '{"c":2}', "custom.flag": true },
        }),
      ]),
    ).body;
    expect(body.metadata).toMatchObject({ a: 1, b: { c: 2 }, attributes: { "custom.flag": true } });
  });

  it("omits leftover attributes of Langfuse SDK spans and falls back to 'default' environment later", () => {
    const body = observationOf(map([span({ attributes: { "langfuse.internal.is_app_root": true } })], { scope: "langfuse-sdk" })).body;
    expect(body.metadata).toEqual({ scope: { name: "langfuse-sdk", version: "1.0" } });
    expect(body.environment).toBeUndefined();
  });

  it("produces only events that pass the ingestion schema", () => {
    const result = otlpToIngestionEvents(exportOf([span({ traceId: "bad\rid" })]), { now });
    expect(result.events).toEqual([]);
    expect(result.rejected).toHaveLength(2);
  });
});
