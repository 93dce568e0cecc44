import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * The signed links an ActionCard's buttons open when no card template is configured. An ActionCard
 * button can only open a URL (brief §4.1), so each button of each person's card gets its own link
 * `${publicBaseUrl}/dingtalk/act/<token>`: the token names the card, the button, the person it was
 * sent to, when it expires and a nonce, and is signed with HMAC-SHA256. Nothing is stored at send
 * time: the token is the whole capability, checked when the link is opened.
 */

/** A week: a reminder is answered within days; the inbox remembers a use at least as long. */
export const DINGTALK_LINK_TTL_MS = 7 * 24 * 3600_000;

/** The route's path prefix; a link is this, the token, after the public base URL. */
export const ACT_PATH = "/dingtalk/act";

/** What a link says. Short names keep the URL under DingTalk's 500 characters (brief §3.2). */
export interface ActionLinkClaims {
  cardId: string;
  actionKey: string;
  /** The button's words as the card showed them: the page asks "确认「签收」？". */
  choice: string;
  /** The DingTalk userId the card was sent to: the choice is recorded as theirs, whoever clicks. */
  userId: string;
  /** Epoch milliseconds after which the link records nothing. */
  expiresAtMs: number;
  /**
   * Shared by the buttons of one person's card: the first choice spends the card, as a clicked
   * interactive card closes. The inbox's dedupe key (`dingtalk:act:<nonce>`).
   */
  nonce: string;
}

const wire = z.object({
  v: z.literal(1),
  c: z.string().min(1),
  a: z.string().min(1),
  t: z.string(),
  u: z.string().min(1),
  e: z.number().int().positive(),
  n: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});

/** Any token longer than this is refused before it is looked at (links are under 500 characters). */
const MAX_TOKEN_CHARS = 1024;
const B64URL = /^[A-Za-z0-9_-]+$/;
const MAC_BYTES = 32;
const NONCE_BYTES = 12;

/**
 * The key links are signed with, derived from the app's Client Secret with HKDF under a fixed
 * label: the secret itself never signs anything a browser sees, and a key leaked from a link
 * would not be the secret. Rotating the Client Secret voids every link issued before.
 */
export function actionLinkKey(clientSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", clientSecret, "duban", "dingtalk action link v1", 32));
}

/**
 * The nonce of one person's card: derived (with the link key) from the send's idempotency key, the
 * card and the person, so that a card sent again after a crash carries the same links and a
 * choice is still recorded once. Unpredictable without the key.
 */
export function cardNonce(
  key: Buffer,
  parts: { idempotencyKey: string; cardId: string; userId: string },
): string {
  return createHmac("sha256", key)
    .update(`nonce\0${parts.idempotencyKey}\0${parts.cardId}\0${parts.userId}`)
    .digest()
    .subarray(0, NONCE_BYTES)
    .toString("base64url");
}

export function signActionLink(claims: ActionLinkClaims, key: Buffer): string {
  const payload = Buffer.from(
    JSON.stringify({
      v: 1,
      c: claims.cardId,
      a: claims.actionKey,
      t: claims.choice,
      u: claims.userId,
      // Seconds: shorter, and no link needs a finer expiry.
      e: Math.ceil(claims.expiresAtMs / 1000),
      n: claims.nonce,
    }),
    "utf8",
  ).toString("base64url");
  return `${payload}.${mac(key, payload).toString("base64url")}`;
}

export type LinkCheck =
  | { ok: true; claims: ActionLinkClaims }
  /** Not one of ours, or altered: nothing in it can be trusted. */
  | { ok: false; reason: "forged" }
  /** Ours, but past its expiry; its claims are genuine (the page may name the choice). */
  | { ok: false; reason: "expired"; claims: ActionLinkClaims };

/** Checks the signature (in constant time) before anything in the token is read, then the expiry. */
export function verifyActionLink(token: string, key: Buffer, nowMs: number): LinkCheck {
  if (token.length > MAX_TOKEN_CHARS) return { ok: false, reason: "forged" };
  const [payload, signature, extra] = token.split(".");
  if (extra !== undefined || !payload || !signature) return { ok: false, reason: "forged" };
  if (!B64URL.test(payload) || !B64URL.test(signature)) return { ok: false, reason: "forged" };
  const given = Buffer.from(signature, "base64url");
  const want = mac(key, payload);
  if (given.length !== MAC_BYTES || !timingSafeEqual(given, want)) return { ok: false, reason: "forged" };
  let parsed: z.infer<typeof wire>;
  try {
    parsed = wire.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    // Signed by us yet unreadable: only a link from another version could be; treat it as foreign.
    return { ok: false, reason: "forged" };
  }
  const claims: ActionLinkClaims = {
    cardId: parsed.c,
    actionKey: parsed.a,
    choice: parsed.t,
    userId: parsed.u,
    expiresAtMs: parsed.e * 1000,
    nonce: parsed.n,
  };
  if (nowMs > claims.expiresAtMs) return { ok: false, reason: "expired", claims };
  return { ok: true, claims };
}

/** The link a button opens. */
export function actionLinkUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}${ACT_PATH}/${token}`;
}

function mac(key: Buffer, payload: string): Buffer {
  return createHmac("sha256", key).update(`dingtalk-act.${payload}`).digest();
}
