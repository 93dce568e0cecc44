import { afterAll, describe, expect, it } from "vitest";
import { createLocalChannel } from "../../src/channels/local/local-channel.js";
import { silentLogger } from "../../src/shared/logger.js";
import { enqueueMessages, testDispatcher, virtualClock } from "../fixtures/delivery/delivery-world.js";
import { type Received, startDispatchChild } from "../fixtures/delivery/dispatch-children.js";
import { storeTargets } from "../fixtures/store/store-targets.js";

const NOW = "2021-03-22T02:05:00.000Z"; // Monday 10:05 in Shanghai
const MESSAGES = 200;
const LEASE_MS = 60_000;

const { targets, cleanup } = await storeTargets("delivery-crash");
afterAll(cleanup);

describe.each(targets)("$name: a dispatcher killed with SIGKILL mid-dispatch", (target) => {
  it.skipIf(!target.available)(
    "loses nothing: after the lease, a new dispatcher delivers the rest",
    async () => {
      const location = target.fresh();
      const setup = await target.open(location);
      await enqueueMessages(setup, "crash", MESSAGES, NOW);
      await setup.close();

      // A slow channel: each send is received at once but acknowledged 20 ms later, so the kill
      // most likely lands between the platform receiving a message and the outbox recording it.
      const child = await startDispatchChild({
        STORE_SPEC: location.spec,
        STORE_PREFIX: location.prefix,
        NOW,
        WORKER: "doomed",
        LATENCY_MS: "20",
        LEASE_MS: String(LEASE_MS),
      });
      child.send("go");
      const killAfter = 5 + Math.floor(Math.random() * 60);
      const before: Received[] = [];
      while (before.length < killAfter) before.push(await child.next<Received>());
      child.process.kill("SIGKILL");
      expect((await child.exited)[1]).toBe("SIGKILL");
      before.push(
        ...child.lines.map((line) => JSON.parse(line) as Received).filter((r) => r.event === "received"),
      );

      // The restarted service: the platform remembers what it received before the crash.
      const store = await target.open(location);
      try {
        const clock = virtualClock(new Date(Date.parse(NOW) + 1).toISOString());
        const channel = createLocalChannel({
          clock,
          logger: silentLogger,
          alreadySent: before.map((r) => ({
            idempotencyKey: r.key,
            to: r.to,
            platformMessageId: `before-${r.key}`,
          })),
        });
        const dispatcher = testDispatcher(store, channel, clock, { worker: "restarted", leaseMs: LEASE_MS });
        // While the dead worker's leases last, its messages stay untouched.
        await dispatcher.dispatchDue();
        expect(channel.duplicates()).toEqual([]);
        const leased = (await store.outbox.list({ status: "claimed" })).length;
        expect(leased).toBeGreaterThan(0);
        clock.advance(LEASE_MS);
        await dispatcher.dispatchDue();

        const after = channel.sent();
        const everything = [
          ...before,
          ...after.map((m) => ({ key: m.idempotencyKey, to: m.to, text: textOf(m.message) })),
        ];
        const duplicateKeys = channel.duplicates().map((d) => d.idempotencyKey);
        for (let i = 0; i < MESSAGES; i++) {
          const deliveries = everything.filter((d) => d.text === `消息 crash-${i}`);
          const repeats = duplicateKeys.filter((key) => key === `crash-${i}`);
          expect(deliveries.length + repeats.length).toBeGreaterThanOrEqual(1);
          // Every delivery and every repeat of a message carried that message's key.
          for (const delivery of deliveries) expect(delivery.key).toBe(`crash-${i}`);
        }
        // A repeat reached the channel only for what the platform had received before the kill.
        const receivedBefore = new Set(before.map((r) => r.key));
        for (const key of duplicateKeys) expect(receivedBefore.has(key)).toBe(true);
        expect(new Set(everything.map((d) => d.key)).size).toBe(MESSAGES);
        expect(everything).toHaveLength(MESSAGES);
        expect(await store.outbox.stats()).toMatchObject({
          sent: MESSAGES,
          pending: 0,
          claimed: 0,
          failed: 0,
          dead: 0,
        });
        console.info(
          `${target.name}: killed after ${before.length} received, ${leased} leased, ${duplicateKeys.length} repeat(s) caught by key`,
        );
      } finally {
        await store.close();
      }
    },
    60_000,
  );
});

function textOf(message: { kind: string; text?: string }): string {
  return message.text ?? "";
}
