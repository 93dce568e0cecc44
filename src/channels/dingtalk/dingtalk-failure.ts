import { message } from "../../templates/template-store.js";
import type { DingtalkFailure } from "./dingtalk-contracts.js";
import { type DingtalkExchange, scrubSecrets } from "./dingtalk-request.js";

/** The per-IP limit bans for five minutes and answers with a page, not an error code (brief §6.1, §9). */
export const IP_BAN_MS = 5 * 60_000;

/** The platform's own words are shown to admins, cut to this many characters. */
const DETAIL_CHARS = 200;

// oapi's per-API and ISV rate codes (brief §6.1, §8.9): the new API answers QpsLimitForApi instead,
// but a gateway that speaks the old codes means the same thing.
const RATE_CODES = new Set(["90002", "90018", "90019"]);

/**
 * What an answer means, or undefined when the call succeeded. Codes are read from `code` (the new
 * API, with an HTTP 4xx: `{"code":"InvalidAuthentication","message":"不合法的access_token"}`) and
 * from `errcode` (the old API answers 200 with one), so a 200 is checked too (brief §3.1).
 * `secrets` (the token, the app secret) are scrubbed from the platform's words before they are kept.
 */
export function failureOf(
  exchange: DingtalkExchange,
  context: { path: string; secrets: readonly string[] },
): DingtalkFailure | undefined {
  if (exchange.kind === "unreachable")
    return { kind: "transient", message: message("dingtalk", "unreachable", { detail: exchange.detail }) };
  const { status, json } = exchange;
  if (status >= 500) {
    const code = json ? codeOf(json) : undefined;
    return {
      kind: "transient",
      ...(code ? { code } : {}),
      httpStatus: status,
      message: message("dingtalk", "serverError", { status }),
    };
  }
  if (json === undefined)
    return {
      kind: "ip-banned",
      httpStatus: status,
      retryAfterMs: IP_BAN_MS,
      message: message("dingtalk", "ipBanned", { minutes: IP_BAN_MS / 60_000 }),
    };
  const code = codeOf(json);
  if (status >= 200 && status < 300 && code === undefined) return undefined;
  const detail = scrubSecrets(String(json.message ?? json.errmsg ?? ""), context.secrets).slice(
    0,
    DETAIL_CHARS,
  );
  const failure = (kind: DingtalkFailure["kind"], text: string): DingtalkFailure => ({
    kind,
    ...(code ? { code } : {}),
    httpStatus: status,
    message: text,
  });
  const shown = code ?? `HTTP ${status}`;
  if (code === "InvalidAuthentication" || code === "40014" || code === "42001" || code === "88")
    return failure("invalid-token", message("dingtalk", "tokenRefused", { code: shown }));
  if (code?.endsWith("QpsLimitForApi") || (code && RATE_CODES.has(code)) || status === 429)
    return failure("rate-limited", message("dingtalk", "qpsLimited", { code: shown }));
  if (code?.endsWith("ApiCountLimitForOrg") || code === "90020")
    return failure("quota-spent", message("dingtalk", "quotaSpentByPlatform", { code: shown, detail }));
  if (code?.endsWith("IpNotInWhiteList"))
    return failure("permission", message("dingtalk", "ipNotWhitelisted", { code: shown }));
  if (code?.endsWith("AccessTokenPermissionDenied") || status === 403)
    return failure(
      "permission",
      message("dingtalk", "permissionDenied", { code: shown, scope: requiredScopes(json, context.path) }),
    );
  if (code === "-1") return failure("transient", message("dingtalk", "busy", { code: shown }));
  if (code?.startsWith("invalidParameter") || code?.startsWith("param."))
    return failure("bad-request", message("dingtalk", "badRequest", { code: shown, detail }));
  return failure("bad-request", message("dingtalk", "unknownError", { code: shown, detail }));
}

/** The new API's `code`, else the old API's non-zero `errcode`, as a string. */
function codeOf(json: Record<string, unknown>): string | undefined {
  if (typeof json.code === "string" && json.code !== "") return json.code;
  const errcode = json.errcode;
  if ((typeof errcode === "number" || typeof errcode === "string") && String(errcode) !== "0")
    return String(errcode);
  return undefined;
}

/**
 * The permission the app lacks: DingTalk names it in `accessdenieddetail.requiredScopes`
 * (`{"code":"Forbidden.AccessDenied.AccessTokenPermissionDenied", …, "accessdenieddetail":
 * {"requiredScopes":["Contact.User.Read"]}}`); when it does not, the one the API family needs.
 */
function requiredScopes(json: Record<string, unknown>, path: string): string {
  const detail = json.accessdenieddetail as { requiredScopes?: unknown } | undefined;
  const scopes = Array.isArray(detail?.requiredScopes)
    ? detail.requiredScopes.filter((scope): scope is string => typeof scope === "string")
    : [];
  if (scopes.length > 0) return scopes.join("、");
  if (path.startsWith("/v1.0/robot/")) return "qyapi_robot_sendmsg";
  if (path.startsWith("/v1.0/card/")) return "Card.Instance.Write";
  return message("dingtalk", "scopeUnnamed");
}
