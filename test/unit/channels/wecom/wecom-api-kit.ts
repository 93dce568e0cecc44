import type nock from "nock";
import type { Clock } from "../../../../src/shared/clock.js";
import { createLogger, type Logger } from "../../../../src/shared/logger.js";

/** The app every outbound test talks as; the secret is checked never to leak. */
export const APP = {
  corpId: "wwcorp0001",
  agentId: 1000002,
  secret: "app-secret-0123456789abcdef",
  apiBaseUrl: "https://qyapi.weixin.qq.com",
} as const;

export const QYAPI = APP.apiBaseUrl;

/** A clock the test moves; `sleep` moves it too, so waiting code runs without real time passing. */
export interface MovingClock extends Clock {
  advance(ms: number): void;
  sleep(ms: number): Promise<void>;
  /** Every pause requested through `sleep`, in order. */
  readonly slept: number[];
}

export function movingClock(iso = "2026-03-02T01:00:00Z"): MovingClock {
  let nowMs = Date.parse(iso);
  const slept: number[] = [];
  return {
    now: () => new Date(nowMs),
    advance: (ms) => {
      nowMs += ms;
    },
    sleep: async (ms) => {
      slept.push(ms);
      nowMs += ms;
    },
    slept,
  };
}

/** gettoken answering `token` (7200 s), once per call of this function. */
export function replyToken(scope: nock.Scope, token: string, expiresIn = 7200): nock.Scope {
  return scope
    .get("/cgi-bin/gettoken")
    .query({ corpid: APP.corpId, corpsecret: APP.secret })
    .reply(200, { errcode: 0, errmsg: "ok", access_token: token, expires_in: expiresIn });
}

/** A logger whose lines the test can read. */
export function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ level: "debug", write: (line) => lines.push(line) }), lines };
}
