import { z } from "zod";
import type { DingCallbackCrypto } from "./dingtalk-callback-crypto.js";
import { DINGTALK_CRYPTO_CODES, type DingtalkCryptoCode, DingtalkCryptoError } from "./dingtalk-errors.js";
import { parseJson } from "./dingtalk-json.js";

export interface OpenedEvent {
  /** `check_url` when the console saves the callback address; `user_add_org`, `bpms_instance_change`… */
  eventType: string;
  /** The request's timestamp as received (either spelling), for the reply to echo. */
  timestamp: string;
}

const envelope = z.object({ encrypt: z.string().min(1) });
const decrypted = z.object({ EventType: z.string().min(1) });

/**
 * An event-subscription callback (事件订阅 over HTTP, brief §5.2): query `msg_signature` (older:
 * `signature`), `timestamp` (older: `timeStamp`) and `nonce`; body `{"encrypt": "…"}`. Verifies,
 * decrypts (owner key: the app's Client ID, checked by `crypto`) and reads the EventType.
 * Throws DingtalkCryptoError: 401 unsigned, forged or for another app; 400 malformed.
 *
 * No freshness window: the official libraries check none, and Duban acts on no event yet (the
 * route only answers them). One will be needed with the first event Duban acts on.
 */
export function openDingtalkEvent(
  request: { query: URLSearchParams; body: string | Buffer },
  crypto: DingCallbackCrypto,
): OpenedEvent {
  const unsigned = DINGTALK_CRYPTO_CODES.signature;
  const signature = param(request.query, ["msg_signature", "signature"], unsigned);
  const timestamp = param(request.query, ["timestamp", "timeStamp"], unsigned);
  const nonce = param(request.query, ["nonce"], unsigned);

  const body = parseJson(request.body);
  const sealed = body.ok ? envelope.safeParse(body.value) : undefined;
  if (!sealed?.success) {
    throw new DingtalkCryptoError(
      DINGTALK_CRYPTO_CODES.decrypt,
      'the body is not JSON with a non-empty "encrypt" string',
    );
  }
  const plain = crypto.open({ signature, timestamp, nonce, encrypt: sealed.data.encrypt });
  const inner = parseJson(plain, "the decrypted event");
  const event = inner.ok ? decrypted.safeParse(inner.value) : undefined;
  if (!event?.success) {
    throw new DingtalkCryptoError(
      DINGTALK_CRYPTO_CODES.plaintext,
      "the decrypted event is not JSON with an EventType string",
    );
  }
  return { eventType: event.data.EventType, timestamp };
}

/**
 * The one value given under any of `names` (the spellings of one parameter). A parameter given
 * twice with different values is ambiguous and refused, as missing or empty ones are.
 */
function param(query: URLSearchParams, names: readonly string[], code: DingtalkCryptoCode): string {
  const values = new Set(names.flatMap((name) => query.getAll(name)));
  const [value] = values;
  if (values.size !== 1 || !value) {
    throw new DingtalkCryptoError(
      code,
      `query parameter ${names.join(" or ")} is missing, empty or repeated`,
    );
  }
  return value;
}
