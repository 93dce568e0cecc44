import { describe, expect, it, onTestFinished } from "vitest";
import type { Channel, SendResult } from "../../../src/channels/channel.js";
import { COMMON_LIMITS } from "../../../src/channels/channel-limits.js";
import {
  enqueueMessages,
  tempSqliteStore,
  testDispatcher,
  virtualClock,
} from "../../fixtures/delivery/delivery-world.js";

const NOW = "2021-03-22T02:05:00.000Z"; // Monday 10:05 in Shanghai

/** A channel whose first send waits until the test lets it go. */
function heldChannel() {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started: () => void = () => {};
  const firstStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  const sent: string[] = [];
  const channel: Channel = {
    name: "local",
    budgets: [],
    limits: COMMON_LIMITS,
    async send(request) {
      if (sent.length === 0) {
        started();
        await held;
      }
      sent.push(request.idempotencyKey);
      const result: SendResult = { status: "sent", platformMessageId: `p-${sent.length}` };
      return new Map(request.recipients.map((r) => [r.personId, result]));
    },
  };
  return { channel, release, firstStarted, sent };
}

describe("dispatchDue at shutdown", () => {
  it("finishes the send in progress and hands the rest of the batch back, due at once", async () => {
    const temp = tempSqliteStore();
    onTestFinished(temp.remove);
    const clock = virtualClock(NOW);
    const { channel, release, firstStarted, sent } = heldChannel();
    const dispatcher = testDispatcher(temp.store, channel, clock, { concurrency: 1, batchSize: 10 });
    await enqueueMessages(temp.store, "m", 5, NOW);
    const abort = new AbortController();
    const round = dispatcher.dispatchDue({ signal: abort.signal });
    await firstStarted;
    abort.abort();
    release();
    expect(await round).toMatchObject({ claimed: 5, sent: 1 });
    expect(sent).toEqual(["m-0"]);
    const stats = await temp.store.outbox.stats();
    expect(stats).toMatchObject({ sent: 1, pending: 4, claimed: 0, failed: 0, dead: 0 });
    // The next worker (or this one after a restart) sends them right away, none twice.
    const next = testDispatcher(temp.store, heldChannelDone(sent), clock, { worker: "after-restart" });
    expect(await next.dispatchDue()).toMatchObject({ claimed: 4, sent: 4 });
    expect(sent.sort()).toEqual(["m-0", "m-1", "m-2", "m-3", "m-4"]);
  });

  it("claims nothing once stopped", async () => {
    const temp = tempSqliteStore();
    onTestFinished(temp.remove);
    const clock = virtualClock(NOW);
    const { channel } = heldChannel();
    const dispatcher = testDispatcher(temp.store, channel, clock);
    await enqueueMessages(temp.store, "m", 2, NOW);
    const abort = new AbortController();
    abort.abort();
    expect(await dispatcher.dispatchDue({ signal: abort.signal })).toMatchObject({ claimed: 0 });
    expect(await temp.store.outbox.stats()).toMatchObject({ pending: 2 });
  });
});

/** A channel that records into `sent` and never holds. */
function heldChannelDone(sent: string[]): Channel {
  return {
    name: "local",
    budgets: [],
    limits: COMMON_LIMITS,
    async send(request) {
      sent.push(request.idempotencyKey);
      const result: SendResult = { status: "sent", platformMessageId: `q-${sent.length}` };
      return new Map(request.recipients.map((r) => [r.personId, result]));
    },
  };
}
