import { z } from "zod";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";

// Project webhooks: prompt changes POSTed to a URL as a signed JSON event, or as a Slack message.

/** Events a webhook can subscribe to. `ping` is only sent by "Send test event". */
export const WEBHOOK_EVENT_TYPES = ["prompt.version.created", "prompt.label.moved", "prompt.deleted"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const WEBHOOK_PING = "ping" as const;

export const WEBHOOK_EVENT_LABELS = {
  "prompt.version.created": "Prompt version created",
  "prompt.label.moved": "Label moved (release, rollback)",
  "prompt.deleted": "Prompt deleted",
} as const satisfies Record<WebhookEventType, string>;

export const WEBHOOK_FORMATS = ["json", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
export const WEBHOOK_FORMAT_LABELS = {
  json: "JSON event (signed)",
  slack: "Slack incoming webhook",
} as const satisfies Record<WebhookFormat, string>;

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "retrying", "succeeded", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const WEBHOOK_SIGNATURE_HEADER = "X-Loupe-Signature";

// --- the event as POSTed (format "json") -----------------------------------------------------

const ZPromptRef = z.object({ name: z.string(), version: z.number().int() });

export const ZWebhookEventData = {
  "prompt.version.created": ZPromptRef.extend({
    type: z.enum(["text", "chat"]),
    labels: z.array(z.string()),
    tags: z.array(z.string()),
    commitMessage: z.string().nullable(),
    createdBy: z.string().nullable(),
  }),
  "prompt.label.moved": ZPromptRef.extend({
    label: z.string(),
    previousVersion: z.number().int().nullable(),
    /** Set when the move was a release request approved by an admin. */
    approvedBy: z.string().nullable(),
    movedBy: z.string().nullable(),
  }),
  "prompt.deleted": z.object({ name: z.string(), versions: z.array(z.number().int()), deletedBy: z.string().nullable() }),
  ping: z.object({ message: z.string() }),
} as const;

const eventOf = <T extends keyof typeof ZWebhookEventData>(type: T) =>
  z.object({
    id: z.string(),
    type: z.literal(type),
    createdAt: z.string(),
    projectId: z.string(),
    data: ZWebhookEventData[type],
  });

export const ZWebhookEvent = z.discriminatedUnion("type", [
  eventOf("prompt.version.created"),
  eventOf("prompt.label.moved"),
  eventOf("prompt.deleted"),
  eventOf("ping"),
]);
export type TWebhookEvent = z.infer<typeof ZWebhookEvent>;
/** An event before it has an id and time (what a service emits). */
export type TWebhookEventInput = TWebhookEvent extends infer E
  ? E extends TWebhookEvent
    ? Omit<E, "id" | "createdAt" | "projectId">
    : never
  : never;

// --- management -----------------------------------------------------------------------------

const ZWebhookUrl = z
  .url({ protocol: /^https?$/, error: "url must be an https URL, e.g. https://example.com/hooks/loupe" })
  .max(2000, "url must be at most 2000 characters");

const ZEvents = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `events may be ${WEBHOOK_EVENT_TYPES.join(", ")}` }))
  .min(1, "pick at least one event")
  .transform((events) => [...new Set(events)]);

export const ZCreateWebhookBody = z.object({
  name: z.string().trim().min(1, "name is required").max(100, "name must be at most 100 characters"),
  url: ZWebhookUrl,
  format: z.enum(WEBHOOK_FORMATS, { error: "format must be json or slack" }).default("json"),
  events: ZEvents,
});
export type TCreateWebhookBody = z.infer<typeof ZCreateWebhookBody>;

export const ZUpdateWebhookBody = ZCreateWebhookBody.partial().extend({ enabled: z.boolean().optional() });
export type TUpdateWebhookBody = z.infer<typeof ZUpdateWebhookBody>;

export const ZWebhook = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  format: z.enum(WEBHOOK_FORMATS),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  enabled: z.boolean(),
  /** The secret's last four characters. */
  secretHint: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastDelivery: z.object({ status: z.enum(WEBHOOK_DELIVERY_STATUSES), createdAt: z.string() }).nullable(),
});
export type TWebhook = z.infer<typeof ZWebhook>;

/** The answer to a create: the signing secret, shown this once. */
export const ZCreatedWebhook = ZWebhook.extend({ secret: z.string() });
export type TCreatedWebhook = z.infer<typeof ZCreatedWebhook>;

export const ZWebhookDelivery = z.object({
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  redeliveryOf: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  payload: ZWebhookEvent,
});
export type TWebhookDelivery = z.infer<typeof ZWebhookDelivery>;

export const ZWebhookDeliveriesQuery = ZPageQuery;
export const ZWebhookDeliveriesResponse = z.object({ data: z.array(ZWebhookDelivery), meta: ZPageMeta });
export type TWebhookDeliveriesResponse = z.infer<typeof ZWebhookDeliveriesResponse>;

export const ZWebhookParams = z.object({ projectId: z.string(), webhookId: z.string().min(1).max(100) });
export const ZWebhookDeliveryParams = ZWebhookParams.extend({ deliveryId: z.string().min(1).max(100) });
