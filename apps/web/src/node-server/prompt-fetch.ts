import { ZGetPromptQuery, ZPromptParams } from "@loupe/contracts";
import { getPromptJson } from "@loupe/server";
import { authenticateApiKey, jsonAnswer, type PublicAnswer, publicErrorAnswer, publicErrorBody, searchParamsObject } from "./public-api";

/**
 * `GET /api/public/v2/prompts/{promptName}` as the SDKs call it on every request of their app: the same
 * steps, contracts and services as the route file (app/api/public/v2/prompts/[promptName]/route.ts), in
 * plain Node, so the Node server can answer it without Next's per-request work (ADR 0005).
 * `promptNameSegment` is the raw path segment (the SDKs URL-encode names with slashes).
 */
export async function answerPromptFetch(
  authorization: string | undefined,
  promptNameSegment: string,
  search: URLSearchParams,
  requestId: string,
): Promise<PublicAnswer> {
  const authenticated = await authenticateApiKey(authorization);
  if (!authenticated.ok) return authenticated.answer;
  let promptName: string;
  try {
    promptName = decodeURIComponent(promptNameSegment);
  } catch {
    return jsonAnswer(publicErrorBody("The prompt name in the path is not valid URL encoding", { code: "InvalidRequest" }), 400);
  }
  const params = ZPromptParams.safeParse({ promptName });
  if (!params.success) return jsonAnswer(publicErrorBody("Invalid request data", { issues: params.error.issues }), 400);
  const query = ZGetPromptQuery.safeParse(searchParamsObject(search));
  if (!query.success) return jsonAnswer(publicErrorBody("Invalid request data", { issues: query.error.issues }), 400);
  try {
    return { status: 200, body: await getPromptJson(authenticated.auth.projectId, params.data.promptName, query.data) };
  } catch (error) {
    return publicErrorAnswer(error, requestId);
  }
}
