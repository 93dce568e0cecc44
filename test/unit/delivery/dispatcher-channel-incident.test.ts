import { describe, expect, it, onTestFinished } from "vitest";
import type { Channel, SendRequest, SendResult } from "../../../src/channels/channel.js";
import { COMMON_LIMITS } from "../../../src/channels/channel-limits.js";
import { createDeliveryNotifier } from "../../../src/delivery/create-dead-letter-notifier.js";
import type { DispatchReport } from "../../../src/delivery/create-dispatcher.js";
import { silentLogger } from "../../../src/shared/logger.js";
import {
  ADMIN,
  MEMBERS,
  recipientOf,
  tempSqliteStore,
  testDispatcher,
  textMessage,
  virtualClock,
} from "../../fixtures/delivery/delivery-world.js";

const NOW = "2021-03-22T02:05:00.000Z"; // Monday 10:05 in Shanghai
const MINUTE = 60_000;
const MESSAGES = 300;

/**
 * Issue #11, "failures counted per cause": a channel whose every send fails for a reason that is
 * the channel's (a token refused, the app's rate limit) for `downMs`, then works. It counts the
 * sends that reached it.
 */
function flakyChannel(clock: { now(): Date }, downMs: number, failure: SendResult) {
  const down = clock.now().getTime() + downMs;
  const calls = { failed: 0, sent: 0 };
  const channel: Channel = {
    name: "wecom",
    budgets: [],
    limits: COMMON_LIMITS,
    async send(request: SendRequest) {
      const up = clock.now().getTime() >= down;
      if (up) calls.sent++;
      else calls.failed++;
      return new Map(
        request.recipients.map((r) => [
          r.personId,
          up ? { status: "sent", platformMessageId: "m" } : failure,
        ]),
      );
    },
  };
  return { channel, calls };
}

async function run(failure: SendResult, downMs: number) {
  const temp = tempSqliteStore("duban-incident");
  onTestFinished(temp.remove);
  const clock = virtualClock(NOW);
  const { channel, calls } = flakyChannel(clock, downMs, failure);
  for (let i = 0; i < MESSAGES; i++) {
    const to = MEMBERS[i % MEMBERS.length]?.personId ?? "";
    await temp.store.outbox.enqueue({ ...textMessage(`incident-${i}`, to, NOW), channel: "wecom" });
  }
  const dispatcher = testDispatcher(temp.store, channel, clock, {
    maxAttempts: 5,
    notices: createDeliveryNotifier({
      outbox: temp.store.outbox,
      admins: () => [ADMIN],
      recipients: recipientOf,
      clock,
      logger: silentLogger,
    }),
  });
  const reports: DispatchReport[] = [];
  for (let minute = 0; minute < downMs / MINUTE + 30; minute++) {
    reports.push(await dispatcher.dispatchDue());
    clock.advance(MINUTE);
  }
  const total = (field: keyof DispatchReport) => reports.reduce((n, r) => n + r[field], 0);
  return { calls, stats: await temp.store.outbox.stats(), total };
}

describe("a failure that is the channel's", () => {
  it("is one incident: a token refused for an hour dead-letters nothing and costs one try per pause", async () => {
    const refused: SendResult = {
      status: "transient-error",
      reason: "40001 invalid credential",
      scope: "channel",
    };
    const { calls, stats, total } = await run(refused, 60 * MINUTE);
    // Even with a cap of 5 attempts per message, nothing died: no attempt was counted against them.
    expect(stats).toMatchObject({ dead: 0, failed: 0, pending: 0 });
    expect(calls.sent).toBe(MESSAGES + 2); // and one outage notice and one recovery notice to the admin
    expect(total("retried")).toBe(0);
    // Pauses of 15 s, 30 s, … 5 min over an hour, one probe each (per-minute rounds round them up).
    expect(calls.failed).toBeGreaterThanOrEqual(10);
    expect(calls.failed).toBeLessThanOrEqual(20);
  });

  it("a rate limit for the app waits as long as the platform asks, and then sends everything", async () => {
    const limited: SendResult = {
      status: "rate-limited",
      retryAfterMs: 10 * MINUTE,
      reason: "45009",
      scope: "channel",
    };
    const { calls, stats } = await run(limited, 25 * MINUTE);
    expect(stats).toMatchObject({ dead: 0, failed: 0, pending: 0, sent: MESSAGES });
    // 45009 at 10:05 (the dispatcher's four lanes were already sending), then one probe at 10:15
    // and one at 10:25: at most six tries in 25 minutes, not one per message.
    expect(calls.failed).toBeGreaterThanOrEqual(3);
    expect(calls.failed).toBeLessThanOrEqual(6);
  });

  it("stays per message when the failure is the message's (no scope): retried and counted", async () => {
    const busy: SendResult = { status: "transient-error", reason: "busy" };
    const { calls, total } = await run(busy, 2 * MINUTE);
    expect(total("retried")).toBeGreaterThanOrEqual(MESSAGES);
    expect(calls.failed).toBeGreaterThanOrEqual(MESSAGES);
  });
});
