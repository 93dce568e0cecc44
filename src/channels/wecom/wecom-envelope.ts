import { encryptMessage } from "./wecom-crypto.js";
import { WECOM_CRYPTO_CODES, WecomCryptoError } from "./wecom-errors.js";
import { computeSignature } from "./wecom-signature.js";
import { parseWecomXml, xmlText } from "./wecom-xml.js";

/**
 * The <Encrypt> text of a POST envelope `<xml><ToUserName/><AgentID/><Encrypt/></xml>`.
 * Only Encrypt is signed (brief §1.2), so the outer ToUserName/AgentID are ignored on purpose.
 */
export function readEncryptField(body: string | Buffer): string {
  const envelope = parseWecomXml(typeof body === "string" ? body : body.toString("utf8"));
  const encrypt = xmlText(envelope, "Encrypt");
  if (encrypt === undefined || encrypt === "") {
    throw new WecomCryptoError(WECOM_CRYPTO_CODES.parseXml, "envelope has no single <Encrypt> element");
  }
  return encrypt;
}

export interface SealReplyOptions {
  token: string;
  aesKey: string;
  corpId: string;
  /** Unix seconds; may be reused from the request (brief §1.6). */
  timestamp: string;
  nonce: string;
  /** 16 bytes; only tests pass it, to reproduce a known ciphertext. */
  random?: Buffer;
}

// Timestamp and nonce are written into the envelope unescaped, so they must be plain tokens.
const TIMESTAMP = /^[0-9]{1,12}$/;
const NONCE = /^[A-Za-z0-9]{1,64}$/;

/**
 * Encrypts and signs a passive reply, in the exact layout of the official
 * `XMLParse.AES_TEXT_RESPONSE_TEMPLATE` (note the capital S in TimeStamp). The plain reply has
 * ToUserName = the member and FromUserName = the corp id (Doc 96469).
 */
export function sealReply(plainXml: string, options: SealReplyOptions): string {
  const { token, aesKey, corpId, timestamp, nonce, random } = options;
  if (!TIMESTAMP.test(timestamp) || !NONCE.test(nonce)) {
    throw new WecomCryptoError(
      WECOM_CRYPTO_CODES.genReturnXml,
      "reply timestamp must be digits and nonce 1-64 letters or digits",
    );
  }
  const encrypt = encryptMessage(aesKey, plainXml, corpId, random);
  const signature = computeSignature({ token, timestamp, nonce, encrypt });
  return [
    "<xml>",
    `<Encrypt><![CDATA[${encrypt}]]></Encrypt>`,
    `<MsgSignature><![CDATA[${signature}]]></MsgSignature>`,
    `<TimeStamp>${timestamp}</TimeStamp>`,
    `<Nonce><![CDATA[${nonce}]]></Nonce>`,
    "</xml>",
  ].join("\n");
}
