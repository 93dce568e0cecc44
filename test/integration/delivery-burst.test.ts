import { afterAll, describe, expect, it } from "vitest";
import type { SendBudget } from "../../src/channels/channel.js";
import { createLocalChannel } from "../../src/channels/local/local-channel.js";
import { silentLogger } from "../../src/shared/logger.js";
import { peakInWindow } from "../../src/simulate/peak-in-window.js";
import {
  enqueueMessages,
  MEMBERS,
  tempSqliteStore,
  testDispatcher,
  virtualClock,
} from "../fixtures/delivery/delivery-world.js";

const START = "2021-04-06T01:05:00.000Z"; // Tuesday 6 April 2021, 09:05 in Shanghai
const MESSAGES = 5_000;
const STEP_MS = 5_000;
const BUDGETS: SendBudget[] = [
  { name: "member-per-minute", scope: "recipient", limit: 30, windowMs: 60_000 },
  { name: "member-per-hour", scope: "recipient", limit: 1000, windowMs: 3_600_000 },
];

const temp = tempSqliteStore("duban-burst");
afterAll(temp.remove);

describe("a burst of 5,000 messages to 3 members", () => {
  it("never exceeds 30 a minute or 1000 an hour per member, and delivers every message once", async () => {
    const clock = virtualClock(START);
    const channel = createLocalChannel({ clock, logger: silentLogger, budgets: BUDGETS });
    const dispatcher = testDispatcher(temp.store, channel, clock, { random: Math.random, batchSize: 100 });
    await enqueueMessages(temp.store, "burst", MESSAGES, START);
    // Four working hours of virtual time are far more than the 1667 messages per member need.
    for (let step = 0; step < (4 * 3_600_000) / STEP_MS && channel.sent().length < MESSAGES; step++) {
      await dispatcher.dispatchDue();
      clock.advance(STEP_MS);
    }

    const sent = channel.sent();
    expect(new Set(sent.map((m) => m.idempotencyKey)).size).toBe(MESSAGES);
    expect(sent).toHaveLength(MESSAGES);
    expect(channel.duplicates()).toEqual([]);
    for (const member of MEMBERS) {
      const mine = sent.filter((m) => m.to === member.personId);
      expect(mine.length).toBeGreaterThan(1000);
      expect(
        peakInWindow(
          mine.map((m) => Date.parse(m.at)),
          60_000,
        ),
      ).toBeLessThanOrEqual(30);
      expect(
        peakInWindow(
          mine.map((m) => Date.parse(m.at)),
          3_600_000,
        ),
      ).toBeLessThanOrEqual(1000);
      // The budgets were the limit, not something slower: each member got its full minute's worth.
      expect(
        peakInWindow(
          mine.map((m) => Date.parse(m.at)),
          60_000,
        ),
      ).toBe(30);
    }
    const outbox = await temp.store.outbox.list();
    expect(outbox.every((m) => m.status === "sent")).toBe(true);
    // No failures: deferrals hand their claim back, so each message's one counted attempt was its send.
    expect(outbox.every((m) => m.attempts === 1)).toBe(true);
    const deferrals = outbox.map((m) => m.deferrals ?? 0);
    const lastAt = Math.max(...sent.map((m) => Date.parse(m.at)));
    console.info(
      `burst: last send ${new Date(lastAt).toISOString()}, most deferrals of one message ${Math.max(...deferrals)}, ` +
        `claims ${outbox.reduce((n, m) => n + m.attempts + (m.deferrals ?? 0), 0)}`,
    );
  }, 120_000);
});
