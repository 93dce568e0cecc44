/**
 * One HTTP exchange with DingTalk, without judging the answer: the status and the body as JSON
 * (undefined when the body is not JSON: the per-IP limit's ban page is HTML). What an answer means
 * is dingtalk-failure.ts's business.
 */
export type DingtalkExchange =
  | { kind: "answer"; status: number; json: Record<string, unknown> | undefined }
  /** No answer at all: a code or a class name (ECONNREFUSED, TimeoutError), never a URL. */
  | { kind: "unreachable"; detail: string };

export interface DingtalkRequest {
  method: "GET" | "POST" | "PUT";
  url: string;
  /** Sent as x-acs-dingtalk-access-token (brief §3.1); absent for the token call itself. */
  accessToken?: string;
  body?: unknown;
  /** A multipart body instead of JSON (oapi media/upload); fetch sets its boundary. */
  form?: FormData;
  fetch: typeof fetch;
  timeoutMs: number;
}

/** Bodies larger than this are not read: DingTalk's answers are small, a page that is not is no answer. */
const MAX_ANSWER_CHARS = 1_000_000;

export async function exchangeDingtalk(request: DingtalkRequest): Promise<DingtalkExchange> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (request.body !== undefined) headers["content-type"] = "application/json; charset=utf-8";
  if (request.accessToken !== undefined) headers["x-acs-dingtalk-access-token"] = request.accessToken;
  let response: Response;
  let text: string;
  try {
    response = await request.fetch(request.url, {
      method: request.method,
      headers,
      body: request.form ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    return { kind: "unreachable", detail: describeNetworkError(error) };
  }
  return { kind: "answer", status: response.status, json: parseObject(text) };
}

/** "ECONNREFUSED", "TimeoutError"…: a code or a class name, never a message that may quote the URL. */
export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === "string") return cause.code;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") return code;
  return error instanceof Error ? error.name : "network error";
}

/** An empty body is an answer without fields (a bare 403, a PUT's 200), not a ban page. */
function parseObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === "") return {};
  if (text.length > MAX_ANSWER_CHARS) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Removes every occurrence of the given secrets from a text DingTalk or a library produced. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => (secret.length >= 4 ? out.split(secret).join("***") : out), text);
}
