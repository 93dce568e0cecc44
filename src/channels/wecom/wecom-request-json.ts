import { scrubSecrets, WecomTransportError } from "./wecom-api-error.js";

/** Every qyapi answer carries errcode and errmsg; 0 means success (Doc 90313). */
export interface WecomAnswer {
  errcode: number;
  errmsg: string;
  [field: string]: unknown;
}

export interface WecomRequest {
  /** The API name for errors and logs, e.g. "message/send"; never the URL (it holds credentials). */
  method: string;
  url: string;
  /** JSON body; absent (and no `form`) → GET. */
  body?: unknown;
  /** A multipart/form-data body instead of JSON (media uploads); fetch sets its boundary. */
  form?: FormData;
  fetch: typeof fetch;
  timeoutMs: number;
  /** Values that must not survive into an error message (token, secret, robot key). */
  secrets: readonly string[];
}

/**
 * One HTTP exchange with WeCom. Resolves with the JSON answer whatever its errcode (the caller
 * decides what an errcode means); rejects with WecomTransportError when there is no JSON answer.
 */
export async function requestWecomJson(request: WecomRequest): Promise<WecomAnswer> {
  const { method, url, body, form } = request;
  let response: Response;
  try {
    response = await request.fetch(url, {
      method: body === undefined && form === undefined ? "GET" : "POST",
      headers: body === undefined ? undefined : { "content-type": "application/json; charset=utf-8" },
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    throw new WecomTransportError(method, describe(error));
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new WecomTransportError(method, `HTTP ${response.status}`, response.status);
  }
  let answer: unknown;
  try {
    answer = await response.json();
  } catch {
    throw new WecomTransportError(method, "the answer is not JSON", response.status);
  }
  if (typeof answer !== "object" || answer === null || Array.isArray(answer)) {
    throw new WecomTransportError(method, "the answer is not a JSON object", response.status);
  }
  const record = answer as Record<string, unknown>;
  const errcode = typeof record.errcode === "number" ? record.errcode : Number(record.errcode ?? 0);
  const errmsg = scrubSecrets(String(record.errmsg ?? ""), request.secrets);
  return { ...record, errcode: Number.isFinite(errcode) ? errcode : -1, errmsg };
}

/** "ECONNREFUSED", "TimeoutError"…: a code or a class name, never a message that may quote the URL. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === "string") return cause.code;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") return code;
  return error instanceof Error ? error.name : "network error";
}
