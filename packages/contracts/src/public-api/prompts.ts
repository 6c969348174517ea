import { z } from "zod";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { ZQueryString, ZQueryTimestamp } from "../common/query.ts";

// /api/public/v2/prompts — langfuse-api.md §6 and Langfuse's OpenAPI (Prompt, CreatePromptRequest,
// PromptMetaListResponse). The rules for names and labels are Langfuse's, so a prompt that Langfuse
// accepts is accepted here and the SDKs' error handling sees the same 400s.

export const PROMPT_TYPES = ["text", "chat"] as const;
export type PromptType = (typeof PROMPT_TYPES)[number];

export const PRODUCTION_LABEL = "production";
export const LATEST_LABEL = "latest";
export const PROMPT_NAME_MAX_LENGTH = 255;
export const PROMPT_LABEL_MAX_LENGTH = 36;
export const COMMIT_MESSAGE_MAX_LENGTH = 500;
/** Upper bound of a version's content (text, or the chat messages as JSON): prompts are fetched on every app request. */
export const PROMPT_CONTENT_MAX_CHARS = 200_000;
export const CHAT_MESSAGES_MAX = 500;
/** Names of the UI's static pages under /prompts, which a prompt of the same name would shadow. */
const RESERVED_PROMPT_NAMES = ["new", "metrics", "prompt-detail"];

export const ZPromptName = z
  .string({ error: "name is required" })
  .trim()
  .min(1, "name must not be empty")
  .max(PROMPT_NAME_MAX_LENGTH, `name must be at most ${PROMPT_NAME_MAX_LENGTH} characters`)
  .refine((n) => !n.includes("|"), "name cannot contain '|' (it separates the parts of a prompt reference)")
  .refine((n) => !n.includes("@@@"), "name cannot contain '@@@' (it delimits prompt references)")
  .refine(
    (n) => !n.startsWith("/") && !n.endsWith("/") && !n.includes("//"),
    "folders in a name are separated by single '/' with a name on each side",
  )
  .refine((n) => !RESERVED_PROMPT_NAMES.includes(n), { error: (issue) => `name cannot be '${issue.input}'` });

export const ZPromptLabel = z
  .string()
  .min(1, "a label must not be empty")
  .max(PROMPT_LABEL_MAX_LENGTH, `a label is at most ${PROMPT_LABEL_MAX_LENGTH} characters`)
  .regex(/^[a-z0-9_\-.]+$/, "a label is lowercase letters, digits, '_', '-' or '.'");

const ZTag = z.string().trim().min(1, "a tag must not be empty").max(100, "a tag is at most 100 characters");

export const PLACEHOLDER_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]*$/;

export const ZChatMessage = z.object({
  role: z.string({ error: "a chat message needs a role" }).trim().min(1, "a chat message's role must not be empty").max(100),
  content: z.string({ error: "a chat message needs content (a string)" }),
  type: z.literal("chatmessage").optional(),
});
export const ZPlaceholderMessage = z.object({
  type: z.literal("placeholder"),
  name: z.string().regex(PLACEHOLDER_NAME_PATTERN, "a placeholder name starts with a letter and has only letters, digits and '_'"),
});
/** A chat item: a message, or a placeholder the app fills with a list of messages at compile time. */
export const ZChatItem = z.union([ZPlaceholderMessage, ZChatMessage], {
  error: 'each chat item is {role, content} or {type: "placeholder", name}',
});
export type TChatMessage = z.infer<typeof ZChatMessage>;
export type TPlaceholderMessage = z.infer<typeof ZPlaceholderMessage>;
export type TChatItem = z.infer<typeof ZChatItem>;

export const ZChatContent = z
  .array(ZChatItem)
  .min(1, "a chat prompt needs at least one message")
  .max(CHAT_MESSAGES_MAX, `a chat prompt has at most ${CHAT_MESSAGES_MAX} messages`)
  .refine(
    (items) => JSON.stringify(items).length <= PROMPT_CONTENT_MAX_CHARS,
    `the messages are larger than ${PROMPT_CONTENT_MAX_CHARS} characters`,
  );
export const ZTextContent = z
  .string({ error: "prompt must be a string for a text prompt" })
  .max(PROMPT_CONTENT_MAX_CHARS, `prompt is longer than ${PROMPT_CONTENT_MAX_CHARS} characters`);

/** `config` is a JSON object (model, temperature, tools…); null or absent is `{}`. */
export const ZPromptConfig = z.preprocess(
  (v) => (v === null || v === undefined ? {} : v),
  z.record(z.string(), z.unknown(), { error: "config must be a JSON object" }),
);

const createFields = {
  name: ZPromptName,
  config: ZPromptConfig,
  labels: z.preprocess((v) => v ?? [], z.array(ZPromptLabel).max(20)),
  tags: z.array(ZTag).max(50).nullish(),
  commitMessage: z.string().max(COMMIT_MESSAGE_MAX_LENGTH, `commitMessage is at most ${COMMIT_MESSAGE_MAX_LENGTH} characters`).nullish(),
};

export const ZCreatePromptBody = z.preprocess(
  // A body without `type` is a text prompt (Langfuse's CreateTextPromptRequest has it optional).
  (v) => (v && typeof v === "object" && !Array.isArray(v) && (v as { type?: unknown }).type == null ? { ...v, type: "text" } : v),
  z.discriminatedUnion(
    "type",
    [
      z.object({ ...createFields, type: z.literal("text"), prompt: ZTextContent }),
      z.object({ ...createFields, type: z.literal("chat"), prompt: ZChatContent }),
    ],
    { error: (issue) => (issue.code === "invalid_union" ? 'type must be "text" or "chat"' : undefined) },
  ),
);
export type TCreatePromptBody = z.infer<typeof ZCreatePromptBody>;
export type TPromptContent = TCreatePromptBody["prompt"];

/** A name from the path: the SDKs URL-encode it as one segment (`support%2Ftriage`) and Next hands it over decoded. */
export const ZPromptNameParam = z.string().min(1, "the prompt name is missing from the path");
export const ZPromptParams = z.object({ promptName: ZPromptNameParam });
export const ZPromptVersionParams = z.object({
  promptName: ZPromptNameParam,
  version: z.coerce.number({ error: "version must be a number" }).int("version must be an integer").min(1, "version starts at 1"),
});

const ZOptionalVersion = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.coerce.number({ error: "version must be a number" }).int("version must be an integer").min(1, "version starts at 1").optional(),
);

export const ZGetPromptQuery = z
  .object({
    version: ZOptionalVersion,
    label: z.preprocess((v) => (v === "" ? undefined : v), ZPromptLabel.optional()),
    resolve: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["true", "false"]).optional()).transform((v) => v !== "false"),
  })
  .refine((q) => q.version === undefined || q.label === undefined, { message: "give either version or label, not both", path: ["label"] });
export type TGetPromptQuery = z.infer<typeof ZGetPromptQuery>;

export const ZDeletePromptQuery = z
  .object({ version: ZOptionalVersion, label: z.preprocess((v) => (v === "" ? undefined : v), ZPromptLabel.optional()) })
  .refine((q) => q.version === undefined || q.label === undefined, { message: "give either version or label, not both", path: ["label"] });
export type TDeletePromptQuery = z.infer<typeof ZDeletePromptQuery>;

export const ZUpdatePromptLabelsBody = z.object({
  newLabels: z.array(ZPromptLabel, { error: "newLabels must be an array of labels" }).max(20),
});
export type TUpdatePromptLabelsBody = z.infer<typeof ZUpdatePromptLabelsBody>;

export const ZListPromptsQuery = ZPageQuery.extend({
  // Langfuse's default page size for prompts is 10, not 50.
  limit: z.preprocess((v) => (v === "" || v === undefined ? 10 : v), z.coerce.number().int().min(1).max(100)),
  name: ZQueryString,
  label: ZQueryString,
  tag: ZQueryString,
  fromUpdatedAt: ZQueryTimestamp,
  toUpdatedAt: ZQueryTimestamp,
});
export type TListPromptsQuery = z.infer<typeof ZListPromptsQuery>;

const ZPromptBase = z.object({
  id: z.string(),
  projectId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
  name: z.string(),
  version: z.number().int(),
  config: z.record(z.string(), z.unknown()),
  labels: z.array(z.string()),
  tags: z.array(z.string()),
  commitMessage: z.string().nullable(),
  /** Which versions the references resolved to; null without references or with `resolve=false`. */
  resolutionGraph: z.record(z.string(), z.unknown()).nullable(),
});
export const ZPrompt = z.discriminatedUnion("type", [
  ZPromptBase.extend({ type: z.literal("text"), prompt: z.string() }),
  ZPromptBase.extend({ type: z.literal("chat"), prompt: z.array(ZChatItem) }),
]);
export type TPrompt = z.infer<typeof ZPrompt>;

export const ZPromptMeta = z.object({
  name: z.string(),
  type: z.enum(PROMPT_TYPES),
  versions: z.array(z.number().int()),
  labels: z.array(z.string()),
  tags: z.array(z.string()),
  lastUpdatedAt: z.string(),
  lastConfig: z.unknown(),
});
export const ZPromptMetaListResponse = z.object({ data: z.array(ZPromptMeta), meta: ZPageMeta });
export type TPromptMetaListResponse = z.infer<typeof ZPromptMetaListResponse>;
