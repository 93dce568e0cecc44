import { AppError } from "../../shared/errors.js";

/**
 * The official WXBizMsgCrypt error codes (sbzhu/weworkapi_python `ierror.py`, Doc 91144).
 * Reusing them keeps our logs comparable with the official libraries and WeCom's own docs.
 */
export const WECOM_CRYPTO_CODES = {
  validateSignature: -40001,
  parseXml: -40002,
  computeSignature: -40003,
  illegalAesKey: -40004,
  validateCorpId: -40005,
  encryptAes: -40006,
  decryptAes: -40007,
  illegalBuffer: -40008,
  encodeBase64: -40009,
  decodeBase64: -40010,
  genReturnXml: -40011,
} as const;

export type WecomCryptoCode = (typeof WECOM_CRYPTO_CODES)[keyof typeof WECOM_CRYPTO_CODES];

// A forged or foreign callback is "unauthorised"; a problem on our side (key, reply building) is ours.
const UNAUTHORISED: readonly number[] = [
  WECOM_CRYPTO_CODES.validateSignature,
  WECOM_CRYPTO_CODES.validateCorpId,
];
const OURS: readonly number[] = [
  WECOM_CRYPTO_CODES.computeSignature,
  WECOM_CRYPTO_CODES.illegalAesKey,
  WECOM_CRYPTO_CODES.encryptAes,
  WECOM_CRYPTO_CODES.encodeBase64,
  WECOM_CRYPTO_CODES.genReturnXml,
];

/**
 * A callback could not be verified, decrypted or parsed, or a reply could not be sealed.
 * Messages describe the failure only: never the token, the AES key or any part of the payload.
 */
export class WecomCryptoError extends AppError {
  readonly wecomCode: WecomCryptoCode;
  /** The HTTP status a callback route should answer with: 401 forged, 400 malformed, 500 ours. */
  readonly status: 400 | 401 | 500;

  constructor(wecomCode: WecomCryptoCode, message: string, options: { cause?: unknown } = {}) {
    super("bad_request", `WeCom ${wecomCode}: ${message}`, options);
    this.name = "WecomCryptoError";
    this.wecomCode = wecomCode;
    this.status = UNAUTHORISED.includes(wecomCode) ? 401 : OURS.includes(wecomCode) ? 500 : 400;
  }
}

/**
 * A correctly signed callback whose timestamp lies outside WECOM_REPLAY_WINDOW_S.
 * Not an official code: the official libraries never check freshness (brief §2.2).
 */
export class WecomReplayError extends AppError {
  readonly status = 401;

  constructor(message: string) {
    super("bad_request", message);
    this.name = "WecomReplayError";
  }
}
