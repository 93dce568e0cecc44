import { describe, expect, it } from "vitest";
import { DingtalkRobotSignError } from "../../../../src/channels/dingtalk/dingtalk-errors.js";
import {
  checkRobotSign,
  ROBOT_SIGN_WINDOW_MS,
  robotSign,
} from "../../../../src/channels/dingtalk/dingtalk-robot-sign.js";
import { ROBOT_SIGN_ROWS } from "../../../fixtures/dingtalk/vectors.js";
import { thrown } from "./dingtalk-test-kit.js";

const [ROW] = ROBOT_SIGN_ROWS;
const at = (ms: number) => new Date(ms);
const TS = Number(ROW.timestamp);

function refusal(
  headers: { timestamp: string | undefined; sign: string | undefined },
  now = at(TS),
  secret: string = ROW.secret,
): DingtalkRobotSignError {
  const error = thrown(() => checkRobotSign(headers, secret, now));
  expect(error).toBeInstanceOf(DingtalkRobotSignError);
  const signError = error as DingtalkRobotSignError;
  expect(signError.status).toBe(401);
  for (const secretText of [secret, headers.sign, ROW.sign].filter(Boolean)) {
    expect(signError.message).not.toContain(secretText);
  }
  return signError;
}

describe("robotSign", () => {
  it.each(ROBOT_SIGN_ROWS)("gives the brief's row for secret $secret", ({ secret, timestamp, sign }) => {
    expect(robotSign(timestamp, secret)).toBe(sign);
  });
});

describe("checkRobotSign", () => {
  it.each(ROBOT_SIGN_ROWS)(
    "accepts the row for $secret at its own timestamp",
    ({ secret, timestamp, sign }) => {
      expect(() => checkRobotSign({ timestamp, sign }, secret, at(Number(timestamp)))).not.toThrow();
    },
  );

  it.each([
    ["exactly one hour later", TS + ROBOT_SIGN_WINDOW_MS],
    ["exactly one hour earlier", TS - ROBOT_SIGN_WINDOW_MS],
  ])("accepts a correct sign %s", (_, nowMs) => {
    expect(() =>
      checkRobotSign({ timestamp: ROW.timestamp, sign: ROW.sign }, ROW.secret, at(nowMs)),
    ).not.toThrow();
  });

  it.each([
    ["one hour and 1 ms later", TS + ROBOT_SIGN_WINDOW_MS + 1],
    ["one hour and 1 ms earlier", TS - ROBOT_SIGN_WINDOW_MS - 1],
    ["a day later", TS + 86_400_000],
  ])("refuses a correct sign %s as a replay", (_, nowMs) => {
    const error = refusal({ timestamp: ROW.timestamp, sign: ROW.sign }, at(nowMs));
    expect(error.reason).toBe("replay");
  });

  it.each([
    ["the other row's sign", { timestamp: ROW.timestamp, sign: ROBOT_SIGN_ROWS[1].sign }],
    ["a sign for another timestamp", { timestamp: String(TS + 1), sign: ROW.sign }],
    ["the URL-encoded sign", { timestamp: ROW.timestamp, sign: encodeURIComponent(ROW.sign) }],
    ["the sign without its padding", { timestamp: ROW.timestamp, sign: ROW.sign.replace(/=+$/, "") }],
    [
      "the sign with a junk character Node's decoder would skip",
      { timestamp: ROW.timestamp, sign: `${ROW.sign}!` },
    ],
    ["no sign", { timestamp: ROW.timestamp, sign: undefined }],
    ["an empty sign", { timestamp: ROW.timestamp, sign: "" }],
    ["no timestamp", { timestamp: undefined, sign: ROW.sign }],
    [
      "a timestamp in seconds",
      { timestamp: ROW.timestamp.slice(0, 10), sign: robotSign(ROW.timestamp.slice(0, 10), ROW.secret) },
    ],
    ["a timestamp with a sign in front", { timestamp: `+${ROW.timestamp.slice(1)}`, sign: ROW.sign }],
    ["two timestamps joined by a proxy", { timestamp: `${ROW.timestamp}, ${ROW.timestamp}`, sign: ROW.sign }],
  ])("refuses %s as unauthorised", (_, headers) => {
    expect(refusal(headers).reason).toBe("unauthorised");
  });

  it("refuses a sign made with another secret", () => {
    const sign = robotSign(ROW.timestamp, "another secret");
    expect(refusal({ timestamp: ROW.timestamp, sign }).reason).toBe("unauthorised");
  });

  it("checks the sign before the window: a forged sign far in the past is unauthorised, not a replay", () => {
    expect(refusal({ timestamp: "1000000000000", sign: ROW.sign }).reason).toBe("unauthorised");
  });
});
