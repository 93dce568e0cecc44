import type { Clock } from "../../shared/clock.js";

/**
 * DingTalk flow-controls a person who receives too much from the robot (`flowControlledStaffIdList`,
 * no published number; brief §6.1, §6.3: retry in minutes, 1, 5, 15…, don't hammer). SendRequest
 * carries no attempt number, so the ladder is kept per person, not per message: consecutive
 * flow-control answers for one userId climb 1 → 5 → 15 minutes and stay at 15; a message that
 * reaches them starts the ladder over, as does a quiet spell of two hours. Per person is also what
 * DingTalk judges: a second message to someone flow-controlled is as much "too frequent" as a retry
 * of the first. The dispatcher's own retry delay (which grows with the message's failures) applies
 * on top; the larger of the two wins. Per process: on several instances each keeps its own ladder,
 * which at worst retries a person a little early.
 */
export interface FlowControlLadder {
  /** `userId` was flow-controlled now: how long before sending to them again. */
  controlled(userId: string): number;
  /** A message reached `userId`. */
  delivered(userId: string): void;
}

export const FLOW_CONTROL_LADDER_MS = [60_000, 5 * 60_000, 15 * 60_000] as const;
const STREAK_FORGOTTEN_MS = 2 * 3_600_000;
const MAX_PEOPLE = 10_000;

export function createFlowControlLadder(clock: Clock): FlowControlLadder {
  const streaks = new Map<string, { rung: number; lastMs: number }>();
  return {
    controlled(userId) {
      const now = clock.now().getTime();
      const streak = streaks.get(userId);
      const rung =
        streak && now - streak.lastMs < STREAK_FORGOTTEN_MS
          ? Math.min(streak.rung + 1, FLOW_CONTROL_LADDER_MS.length - 1)
          : 0;
      streaks.delete(userId);
      streaks.set(userId, { rung, lastMs: now });
      if (streaks.size > MAX_PEOPLE) {
        for (const [id, s] of streaks) if (now - s.lastMs >= STREAK_FORGOTTEN_MS) streaks.delete(id);
        for (const id of streaks.keys()) {
          if (streaks.size <= MAX_PEOPLE) break;
          streaks.delete(id);
        }
      }
      return FLOW_CONTROL_LADDER_MS[rung] ?? FLOW_CONTROL_LADDER_MS[0];
    },
    delivered(userId) {
      streaks.delete(userId);
    },
  };
}
