import { describe, expect, it, onTestFinished } from "vitest";
import type { Channel } from "../../../src/channels/channel.js";
import { COMMON_LIMITS } from "../../../src/channels/channel-limits.js";
import { createLocalChannel } from "../../../src/channels/local/local-channel.js";
import { silentLogger } from "../../../src/shared/logger.js";
import {
  MEMBERS,
  tempSqliteStore,
  testDispatcher,
  textMessage,
  virtualClock,
} from "../../fixtures/delivery/delivery-world.js";

const NOW = "2021-03-22T02:05:00.000Z"; // Monday 10:05 in Shanghai
const [alice, bob] = MEMBERS.map((m) => m.personId);

/**
 * A dispatcher whose sends are so slow that its lease runs out: before the channel answers,
 * another worker claims the message. Whatever the answer, the other worker's claim must stand.
 */
function slowWorld() {
  const temp = tempSqliteStore();
  onTestFinished(temp.remove);
  const clock = virtualClock(NOW);
  const local = createLocalChannel({ clock, logger: silentLogger });
  const slow: Channel = {
    name: "local",
    budgets: [],
    limits: COMMON_LIMITS,
    async send(request) {
      clock.advance(1_000);
      await temp.store.outbox.claimDue(clock.now(), { limit: 10, leaseMs: 60_000, worker: "other" });
      return local.send(request);
    },
  };
  const dead: string[] = [];
  const dispatcher = testDispatcher(temp.store, slow, clock, {
    leaseMs: 1_000,
    onDead: async (message) => {
      dead.push(message.idempotencyKey);
    },
  });
  return { store: temp.store, local, dispatcher, dead };
}

describe("dispatchDue: a lease taken over mid-send", () => {
  it("neither schedules a retry nor dead-letters a message another worker now holds", async () => {
    const world = slowWorld();
    world.local.failFor(alice ?? "", "transient-error");
    world.local.failFor(bob ?? "", "invalid-recipient");
    await world.store.outbox.enqueue(textMessage("retry", alice ?? "", NOW));
    await world.store.outbox.enqueue(textMessage("dead", bob ?? "", NOW));
    expect(await world.dispatcher.dispatchDue()).toMatchObject({ claimed: 2, lost: 2, retried: 0, dead: 0 });
    expect(world.dead).toEqual([]);
    const messages = await world.store.outbox.list();
    expect(messages.map((m) => [m.status, m.claimedBy])).toEqual([
      ["claimed", "other"],
      ["claimed", "other"],
    ]);
  });
});
