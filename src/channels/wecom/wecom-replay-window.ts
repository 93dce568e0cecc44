import { WecomReplayError } from "./wecom-errors.js";

/**
 * Rejects a signed timestamp more than `windowS` seconds away from `now`, in either direction,
 * so that a captured callback cannot be replayed later. WeCom's retries (up to 3 within seconds,
 * brief §2.2) keep their original timestamp, so the window must stay minutes wide; 0 = off.
 * Must run after the signature check: only then is the timestamp WeCom's own.
 */
export function checkReplayWindow(timestamp: string, windowS: number, now: Date): void {
  if (windowS === 0) return;
  if (!/^[0-9]{1,12}$/.test(timestamp)) {
    throw new WecomReplayError("timestamp is not a number of seconds");
  }
  const skewS = Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp));
  if (skewS > windowS) {
    throw new WecomReplayError(
      `timestamp is ${skewS} s away from now, outside the ${windowS} s replay window`,
    );
  }
}
