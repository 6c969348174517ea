import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { propagateAttributes, setLangfuseTracerProvider, startActiveObservation } from "@langfuse/tracing";
import { LangfuseSpanProcessor } from "@langfuse/otel";
import { type Span, SpanStatusCode, context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { OTLPTraceExporter as OTLPHttpJsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as OTLPProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { E2E_BASE_URL, E2E_KEYS } from "../playwright.config";
import { basicAuth } from "./helpers";

// OTLP ingestion driven by real clients: the OpenTelemetry JS SDK with both official OTLP/HTTP
// exporters (protobuf and JSON), and the Langfuse v5 SDK (@langfuse/tracing + @langfuse/otel).
// There is no public read API yet, so the assertions read the e2e database directly.

const OTLP_URL = `${E2E_BASE_URL}/api/public/otel/v1/traces`;
const dbUrl = new URL(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/loupe");
dbUrl.pathname = `/loupe_e2e${process.env.LOUPE_TEST_ID ? `_${process.env.LOUPE_TEST_ID}` : ""}`;
const db = new pg.Pool({ connectionString: dbUrl.toString(), max: 2 });

test.afterAll(async () => {
  await db.end();
});

type ObservationRow = {
  id: string;
  parentObservationId: string | null;
  type: string;
  name: string;
  level: string;
  statusMessage: string | null;
  model: string | null;
  input: unknown;
  output: unknown;
  metadata: Record<string, unknown>;
  usageDetails: Record<string, number>;
  totalCost: string | null;
  environment: string;
};

/** Polls until the worker has merged `count` observations of the trace, then returns trace + observations. */
async function waitForTrace(traceId: string, count: number) {
  let observations: ObservationRow[] = [];
  await expect
    .poll(
      async () => {
        const res = await db.query<ObservationRow>(
          `SELECT o.* FROM "Observation" o JOIN "Project" p ON p.id = o."projectId"
           JOIN "ApiKey" k ON k."projectId" = p.id WHERE k."publicKey" = $1 AND o."traceId" = $2 AND o."costComputedAt" IS NOT NULL`,
          [E2E_KEYS.publicKey, traceId],
        );
        observations = res.rows;
        return observations.length;
      },
      { timeout: 30_000 },
    )
    .toBe(count);
  const traces = await db.query(`SELECT * FROM "Trace" WHERE id = $1`, [traceId]);
  expect(traces.rows).toHaveLength(1);
  const byName = (name: string) => {
    const found = observations.find((o) => o.name === name);
    if (!found) throw new Error(`no observation named ${name}: ${observations.map((o) => o.name).join(", ")}`);
    return found;
  };
  return { trace: traces.rows[0], observations, byName };
}

/** Nested spans as an instrumented LLM app emits them: root → chat generation → failing tool. */
async function emitAgentSpans(exporter: SpanExporter, label: string): Promise<string> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": `e2e-${label}`, "deployment.environment.name": "staging" }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("e2e-otel-tracer", "1.0.0");
  const under = (parent: Span) => trace.setSpan(context.active(), parent);

  const root = tracer.startSpan(`agent-run-${label}`, { attributes: { "user.id": "otel-user", "session.id": `otel-session-${label}` } });
  const chat = tracer.startSpan(
    "chat gpt-4o",
    {
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.request.temperature": 0.3,
        "gen_ai.usage.input_tokens": 1000,
        "gen_ai.usage.output_tokens": 200,
        "gen_ai.input.messages": JSON.stringify([{ role: "user", content: "weather in Paris?" }]),
        "gen_ai.output.messages": JSON.stringify([{ role: "assistant", content: "calling a tool" }]),
      },
    },
    under(root),
  );
  const tool = tracer.startSpan("execute_tool get_weather", { attributes: { "gen_ai.tool.name": "get_weather" } }, under(chat));
  tool.recordException(new Error("weather service unavailable"));
  tool.setStatus({ code: SpanStatusCode.ERROR, message: "weather service unavailable" });
  tool.end();
  chat.end();
  root.end();
  await provider.forceFlush();
  await provider.shutdown();
  return root.spanContext().traceId;
}

async function assertAgentTrace(traceId: string, label: string) {
  const { trace: t, observations, byName } = await waitForTrace(traceId, 3);
  const root = byName(`agent-run-${label}`);
  const chat = byName("chat gpt-4o");
  const tool = byName("get_weather");
  expect(t).toMatchObject({ name: `agent-run-${label}`, userId: "otel-user", sessionId: `otel-session-${label}`, environment: "staging" });
  expect(root).toMatchObject({ type: "SPAN", parentObservationId: null });
  expect(chat).toMatchObject({ type: "GENERATION", parentObservationId: root.id, model: "gpt-4o" });
  expect(chat.usageDetails).toEqual({ input: 1000, output: 200, total: 1200 });
  // gpt-4o: $2.50 / 1M input, $10 / 1M output.
  expect(Number(chat.totalCost)).toBeCloseTo(0.0045, 8);
  expect(chat.input).toEqual([{ role: "user", content: "weather in Paris?" }]);
  expect(tool).toMatchObject({ type: "TOOL", parentObservationId: chat.id, level: "ERROR", statusMessage: "weather service unavailable" });
  expect(observations.every((o) => o.environment === "staging")).toBe(true);
  expect(chat.metadata).toMatchObject({ resourceAttributes: { "service.name": `e2e-${label}` }, scope: { name: "e2e-otel-tracer" } });
}

test.describe("OTLP ingestion", () => {
  test("OpenTelemetry SDK with the protobuf exporter", async () => {
    const exporter = new OTLPProtoExporter({ url: OTLP_URL, headers: { Authorization: basicAuth() } });
    const traceId = await emitAgentSpans(exporter, "proto");
    await assertAgentTrace(traceId, "proto");
  });

  test("OpenTelemetry SDK with the JSON exporter", async () => {
    const exporter = new OTLPHttpJsonExporter({ url: OTLP_URL, headers: { Authorization: basicAuth() } });
    const traceId = await emitAgentSpans(exporter, "json");
    await assertAgentTrace(traceId, "json");
  });

  test("Langfuse v5 SDK (@langfuse/tracing + @langfuse/otel)", async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const processor = new LangfuseSpanProcessor({
      baseUrl: E2E_BASE_URL,
      publicKey: E2E_KEYS.publicKey,
      secretKey: E2E_KEYS.secretKey,
      environment: "e2e-sdk",
      exportMode: "immediate",
    });
    const provider = new BasicTracerProvider({ spanProcessors: [processor] });
    setLangfuseTracerProvider(provider);

    const traceId = await startActiveObservation("support-request", async (root) =>
      propagateAttributes(
        { userId: "lf-user-1", sessionId: "lf-session-1", tags: ["sdk", "e2e"], metadata: { tenant: "acme" } },
        async () => {
          root.update({ input: { question: "Where is my order?" }, metadata: { channel: "chat" } });
          const agent = root.startObservation("order-agent", { input: { goal: "find order" } }, { asType: "agent" });
          const generation = agent.startObservation(
            "plan",
            {
              model: "gpt-4o",
              input: [{ role: "user", content: "Where is my order?" }],
              modelParameters: { temperature: 0.1 },
            },
            { asType: "generation" },
          );
          generation.update({ output: { role: "assistant", content: "look it up" }, usageDetails: { input: 400, output: 100 } }).end();
          const tool = agent.startObservation("lookup_order", { input: { orderId: "A-1" } }, { asType: "tool" });
          tool.update({ level: "ERROR", statusMessage: "order service timed out" }).end();
          agent.startObservation("retry-scheduled", { metadata: { attempt: 2 } }, { asType: "event" });
          agent.end();
          root.update({ output: { answer: "We are checking." } });
          return root.traceId;
        },
      ),
    );
    await provider.forceFlush();
    await provider.shutdown();

    // support-request → order-agent → { plan, lookup_order, retry-scheduled }
    const { trace: t, byName } = await waitForTrace(traceId, 5);
    expect(t).toMatchObject({
      name: "support-request",
      userId: "lf-user-1",
      sessionId: "lf-session-1",
      environment: "e2e-sdk",
      input: { question: "Where is my order?" },
      output: { answer: "We are checking." },
    });
    expect(t.tags).toEqual(["e2e", "sdk"]);
    expect(t.metadata).toMatchObject({ tenant: "acme" });
    const root = byName("support-request");
    const agent = byName("order-agent");
    const generation = byName("plan");
    expect(root).toMatchObject({ type: "SPAN", parentObservationId: null });
    expect(root.metadata).toMatchObject({ channel: "chat" });
    expect(agent).toMatchObject({ type: "AGENT", parentObservationId: root.id, input: { goal: "find order" } });
    expect(generation).toMatchObject({ type: "GENERATION", parentObservationId: agent.id, model: "gpt-4o" });
    expect(generation.usageDetails).toEqual({ input: 400, output: 100, total: 500 });
    expect(Number(generation.totalCost)).toBeCloseTo(0.002, 8);
    expect(generation.output).toEqual({ role: "assistant", content: "look it up" });
    expect(byName("lookup_order")).toMatchObject({ type: "TOOL", level: "ERROR", statusMessage: "order service timed out" });
    expect(byName("retry-scheduled")).toMatchObject({ type: "EVENT", parentObservationId: agent.id, metadata: { attempt: "2" } });
  });
});

test.describe("OTLP endpoint edge cases", () => {
  const span = (traceId: string, spanId: string) => ({
    traceId,
    spanId,
    name: "gzip-root",
    startTimeUnixNano: { low: 0, high: 406_000_000 },
    endTimeUnixNano: "1743791324000000000",
    attributes: [{ key: "langfuse.observation.type", value: { stringValue: "generation" } }],
  });

  test("accepts a gzip-compressed protobuf export", async ({ request }) => {
    const traceId = randomBytes(16).toString("hex");
    const body = await encodeWithOfficialSerializer(traceId);
    const res = await request.post("/api/public/otel/v1/traces", {
      data: gzipSync(body),
      headers: {
        authorization: basicAuth(),
        "content-type": "application/x-protobuf",
        "content-encoding": "gzip",
        "x-langfuse-ingestion-version": "4",
      },
    });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/x-protobuf");
    const { byName } = await waitForTrace(traceId, 1);
    expect(byName("gzip-span")).toMatchObject({ type: "GENERATION", model: "gpt-4o-mini" });
  });

  test("answers 400 for a malformed body and 401 for wrong credentials", async ({ request }) => {
    const bad = await request.post("/api/public/otel/v1/traces", {
      data: Buffer.from("{not json"),
      headers: { authorization: basicAuth(), "content-type": "application/json" },
    });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).message).toContain("not valid JSON");

    const badProto = await request.post("/api/public/otel/v1/traces", {
      data: Buffer.from([0x0a, 0xff, 0xff, 0xff]),
      headers: { authorization: basicAuth(), "content-type": "application/x-protobuf" },
    });
    expect(badProto.status()).toBe(400);

    const badId = await request.post("/api/public/otel/v1/traces", {
      data: { resourceSpans: [{ scopeSpans: [{ spans: [span("xyz", "0102030405060708")] }] }] },
      headers: { authorization: basicAuth() },
    });
    expect(badId.status()).toBe(400);
    expect((await badId.json()).message).toContain("traceId");

    const wrong = await request.post("/api/public/otel/v1/traces", {
      data: { resourceSpans: [] },
      headers: { authorization: basicAuth(E2E_KEYS.publicKey, "sk-lf-wrong") },
    });
    expect(wrong.status()).toBe(401);
  });
});

/** Serialises one span exactly as @opentelemetry/exporter-trace-otlp-proto would, without sending it. */
async function encodeWithOfficialSerializer(traceId: string): Promise<Uint8Array> {
  let captured: Uint8Array | undefined;
  const exporter: SpanExporter = {
    export(spans, done) {
      captured = ProtobufTraceSerializer.serializeRequest(spans);
      done({ code: 0 });
    },
    shutdown: async () => {},
  };
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("e2e-gzip");
  const spanContext = { traceId, spanId: "1111111111111111", traceFlags: 1 };
  const span = tracer.startSpan(
    "gzip-span",
    { attributes: { "gen_ai.request.model": "gpt-4o-mini", "gen_ai.usage.input_tokens": 5 } },
    trace.setSpanContext(context.active(), spanContext),
  );
  span.end();
  await provider.forceFlush();
  if (!captured) throw new Error("nothing serialised");
  return captured;
}
