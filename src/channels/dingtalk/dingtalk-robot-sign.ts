import { createHmac, timingSafeEqual } from "node:crypto";
import { DingtalkRobotSignError } from "./dingtalk-errors.js";

/**
 * "timestamp 与系统当前时间戳如果相差1小时以上，则认为是非法的请求" (接收消息, brief §1.1): a
 * difference of exactly one hour still passes, one millisecond more does not.
 */
export const ROBOT_SIGN_WINDOW_MS = 3_600_000;

const MILLISECONDS = /^[0-9]{13}$/;

/** sign = Base64(HmacSHA256(key = appSecret, message = timestamp + "\n" + appSecret)). */
export function robotSign(timestamp: string, appSecret: string): string {
  return createHmac("sha256", appSecret).update(`${timestamp}\n${appSecret}`).digest("base64");
}

/**
 * Checks the `timestamp` (ms) and `sign` headers of an HTTP robot callback against the app secret,
 * then the ±1 h window, at `now`. Throws DingtalkRobotSignError (401): `unauthorised` when either
 * header is missing or malformed or the sign is wrong, `replay` when a correct sign is too old or
 * too far ahead. The sign does not cover the body (brief §1.1), so a captured pair can be replayed
 * with any body within the hour: the route dedupes on msgId and this endpoint wants HTTPS.
 */
export function checkRobotSign(
  headers: { timestamp: string | undefined; sign: string | undefined },
  appSecret: string,
  now: Date,
): void {
  const { timestamp, sign } = headers;
  if (!timestamp || !MILLISECONDS.test(timestamp)) {
    throw new DingtalkRobotSignError("unauthorised", "the timestamp header is missing or not 13 digits");
  }
  if (!sign) throw new DingtalkRobotSignError("unauthorised", "the sign header is missing");
  // Compared as the canonical Base64 text: decoding `sign` first would let Node skip junk characters.
  const expected = Buffer.from(robotSign(timestamp, appSecret), "utf8");
  const given = Buffer.from(sign, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new DingtalkRobotSignError("unauthorised", "the sign header does not match");
  }
  const skewMs = Math.abs(now.getTime() - Number(timestamp));
  if (skewMs > ROBOT_SIGN_WINDOW_MS) {
    throw new DingtalkRobotSignError(
      "replay",
      `the signed timestamp is ${Math.round(skewMs / 1000)} s from now, more than the hour allowed`,
    );
  }
}
