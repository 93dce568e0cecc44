import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** What a signature is for: a key of its own each, so one kind of token never passes for another. */
export type SignaturePurpose = "sign-in-link" | "session" | "csrf" | "platform-sign-in";

/**
 * The web console's signing keys, derived from DUBAN_WEB_SECRET (HMAC-SHA256 of the purpose), or
 * from a random secret of this process when it is unset. Holds no way to read the secret back,
 * so it cannot end up in a log.
 */
export interface WebKeys {
  /** HMAC-SHA256 of `data` under the purpose's key, base64url. */
  sign(purpose: SignaturePurpose, data: string): string;
  /** Whether `signature` is `sign(purpose, data)`, compared in constant time. */
  verify(purpose: SignaturePurpose, data: string, signature: string): boolean;
  /** True when no DUBAN_WEB_SECRET was given: sessions end when this process does. */
  readonly ephemeral: boolean;
}

export function createWebKeys(secret: string | undefined): WebKeys {
  const root = secret === undefined ? randomBytes(48) : Buffer.from(secret, "utf8");
  const keys = new Map<SignaturePurpose, Buffer>();
  const keyOf = (purpose: SignaturePurpose): Buffer => {
    let key = keys.get(purpose);
    if (!key) {
      key = createHmac("sha256", root).update(`duban-web:${purpose}`).digest();
      keys.set(purpose, key);
    }
    return key;
  };
  const mac = (purpose: SignaturePurpose, data: string) =>
    createHmac("sha256", keyOf(purpose)).update(data, "utf8").digest();
  return {
    ephemeral: secret === undefined,
    sign: (purpose, data) => mac(purpose, data).toString("base64url"),
    verify(purpose, data, signature) {
      const expected = mac(purpose, data);
      const given = Buffer.from(signature, "base64url");
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
