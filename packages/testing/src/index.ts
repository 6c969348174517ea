export { ANTHROPIC_FAKE_MODELS, startFakeAnthropic } from "./fake-llm/anthropic.ts";
export { GEMINI_FAKE_MODELS, startFakeGemini } from "./fake-llm/gemini.ts";
export { OPENAI_FAKE_MODELS, startFakeOpenAI } from "./fake-llm/openai.ts";
export type { FakeFailure, FakeLlmServer, FakeReply, FakeServerOptions, RecordedRequest } from "./fake-llm/server.ts";
export { type ReceivedWebhook, startWebhookReceiver, type WebhookReceiver } from "./webhooks/receiver.ts";
