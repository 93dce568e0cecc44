import { AppError } from "../../shared/errors.js";

/**
 * The official DingTalkEncryptException codes (open-dingtalk/DingTalk-Callback-Crypto,
 * `DingCallbackCrypto.java`, brief §5.1). Reusing them keeps our logs comparable with the official
 * libraries; they are library-internal and never sent to DingTalk.
 */
export const DINGTALK_CRYPTO_CODES = {
  plaintext: 900001,
  timestamp: 900002,
  nonce: 900003,
  aesKey: 900004,
  signature: 900005,
  computeSignature: 900006,
  encrypt: 900007,
  decrypt: 900008,
  length: 900009,
  ownerKey: 900010,
} as const;

export type DingtalkCryptoCode = (typeof DINGTALK_CRYPTO_CODES)[keyof typeof DINGTALK_CRYPTO_CODES];

// Forged, unsigned or addressed to another app: "unauthorised". A problem with our own key or
// reply building is ours. Everything else is a malformed request.
const UNAUTHORISED: readonly number[] = [DINGTALK_CRYPTO_CODES.signature, DINGTALK_CRYPTO_CODES.ownerKey];
const OURS: readonly number[] = [
  DINGTALK_CRYPTO_CODES.aesKey,
  DINGTALK_CRYPTO_CODES.computeSignature,
  DINGTALK_CRYPTO_CODES.encrypt,
];

/**
 * An event callback could not be verified, decrypted or read, or a reply could not be sealed.
 * Messages describe the failed check only: never the token, the AES key or any of the payload.
 */
export class DingtalkCryptoError extends AppError {
  readonly dingCode: DingtalkCryptoCode;
  /** The HTTP status a callback route answers with: 401 forged, 400 malformed, 500 ours. */
  readonly status: 400 | 401 | 500;

  constructor(dingCode: DingtalkCryptoCode, message: string, options: { cause?: unknown } = {}) {
    super("bad_request", `DingTalk ${dingCode}: ${message}`, options);
    this.name = "DingtalkCryptoError";
    this.dingCode = dingCode;
    this.status = UNAUTHORISED.includes(dingCode) ? 401 : OURS.includes(dingCode) ? 500 : 400;
  }
}

/**
 * An HTTP robot callback whose `timestamp`/`sign` headers do not authenticate it (`unauthorised`),
 * or whose correctly signed timestamp lies outside the hour DingTalk allows (`replay`).
 * The message never contains the sign, the timestamp's expected value or the app secret.
 */
export class DingtalkRobotSignError extends AppError {
  readonly status = 401;
  readonly reason: "unauthorised" | "replay";

  constructor(reason: "unauthorised" | "replay", message: string) {
    super("bad_request", message);
    this.name = "DingtalkRobotSignError";
    this.reason = reason;
  }
}
