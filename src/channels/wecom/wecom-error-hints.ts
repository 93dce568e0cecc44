import { message } from "../../templates/template-store.js";

/**
 * Known errcodes → the key of their operator hint in templates/wecom.yaml. Meanings from the
 * global error-code page (Doc 90313, internal; Doc 90455, third-party) and brief §4.3, §6.
 * Codes that share a cause share a hint.
 */
const HINT_KEYS: Readonly<Record<number, string>> = {
  [-1]: "busy",
  40001: "badSecret",
  40013: "badCorpId",
  40014: "badToken",
  42001: "badToken",
  40003: "badUserId",
  40031: "badUserId",
  60111: "badUserId",
  40035: "badParameter",
  40058: "badParameter",
  40056: "badAgentId",
  301002: "badAgentId",
  42014: "taskIdUsed",
  42015: "cardAppMismatch",
  42016: "cardCodeUnusable",
  42022: "cardCodeUnusable",
  43012: "noCallbackUrl",
  44004: "emptyContent",
  45002: "contentTooLong",
  45009: "rateLimited",
  45033: "tooConcurrent",
  48002: "apiForbidden",
  50002: "outsideVisibleRange",
  60011: "outsideVisibleRange",
  60021: "outsideVisibleRange",
  81013: "allRecipientsInvalid",
  82001: "noRecipients",
  60020: "untrustedIp",
  93000: "robotKeyInvalid",
};

/** The Chinese hint for `errcode`, or undefined when the code is not a known one. */
export function wecomHint(errcode: number, errmsg = ""): string | undefined {
  const key = HINT_KEYS[errcode];
  if (key === undefined) return undefined;
  // 60020 names the refused address: "not allow to access from your ip, hint: …, from ip: 1.2.3.4".
  const ip = /from ip: ?([0-9a-fA-F.:]+)/.exec(errmsg)?.[1] ?? "";
  return message("wecom", key, { errcode, ip });
}
