import { wecomHint } from "./wecom-error-hints.js";

/**
 * WeCom answered with `errcode` ≠ 0. Errors are identified by errcode, never by errmsg (Doc 90455).
 * `message` is English for logs; `hint` is the Chinese operator hint for the admins, when the
 * errcode is a known one. Neither contains the access token or the secret: errmsg is scrubbed
 * of both before it gets here.
 */
export class WecomApiError extends Error {
  readonly platform = "wecom";
  readonly errcode: number;
  readonly errmsg: string;
  /** The API path below /cgi-bin/, e.g. "message/send". */
  readonly method: string;
  readonly hint: string | undefined;

  constructor(method: string, errcode: number, errmsg: string) {
    super(`WeCom ${method} failed: errcode ${errcode} (${errmsg})`);
    this.name = "WecomApiError";
    this.method = method;
    this.errcode = errcode;
    this.errmsg = errmsg;
    this.hint = wecomHint(errcode, errmsg);
  }
}

/**
 * WeCom could not be reached or did not answer with JSON: a network failure, a timeout, an HTTP
 * status other than 2xx. Always worth retrying later. The cause is summarised (an error code or
 * the status), never attached, because fetch errors can quote the URL and its credentials.
 */
export class WecomTransportError extends Error {
  readonly platform = "wecom";
  readonly method: string;
  readonly httpStatus: number | undefined;
  /** The summary: an error code ("ECONNREFUSED"), a class name ("TimeoutError"), or "HTTP 502". */
  readonly detail: string;

  constructor(method: string, detail: string, httpStatus?: number) {
    super(`WeCom ${method} unreachable: ${detail}`);
    this.name = "WecomTransportError";
    this.method = method;
    this.httpStatus = httpStatus;
    this.detail = detail;
  }
}

/** Failures to connect at all: the request never left, so it cannot have been delivered. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/**
 * Whether WeCom may have acted on a request that failed this way: yes after a timeout, a
 * connection cut mid-request, a 5xx or an answer that is not JSON; no when nothing could connect,
 * or WeCom refused the request as such (a 4xx, 429 included).
 */
export function mayHaveArrived(error: WecomTransportError): boolean {
  if (error.httpStatus !== undefined && error.httpStatus >= 400 && error.httpStatus < 500) return false;
  return !NEVER_SENT.has(error.detail);
}

/** Removes every occurrence of the given secrets from a text that WeCom or a library produced. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => (secret.length >= 4 ? out.split(secret).join("***") : out), text);
}
