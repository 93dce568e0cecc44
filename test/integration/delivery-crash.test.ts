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

/**
 * Two platforms: one that drops a copy sent again within its duplicate window (WeCom's duplicate
 * check), and one that does not. With the first, what was in flight at the kill goes again and
 * the platform drops it; with the second, it is dead-lettered for a person to decide (issue #11
 * item 2: a kill re-sends at most what was in flight, and only where the platform drops the copy).
 */
const PLATFORMS = [
  { platform: "drops copies", duplicateWindowMs: 30 * 60_000 },
  { platform: "keeps copies", duplicateWindowMs: undefined },
];

describe.each(targets)("$name: a dispatcher killed with SIGKILL mid-dispatch", (target) => {
  it.skipIf(!target.available).each(PLATFORMS)(
    "loses nothing and sends nothing twice, on a platform that $platform",
    async ({ duplicateWindowMs }) => {
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
          ...(duplicateWindowMs !== undefined ? { duplicateWindowMs } : {}),
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
        const dead = await store.outbox.list({ status: "dead" });
        // Dead only where the send's outcome was unknown: in flight at the kill, at most the
        // dispatcher's concurrency (4), and only on the platform that would keep a copy.
        for (const message of dead) expect(message.lastError).toMatch(/未能确认对方是否已收到/);
        if (duplicateWindowMs === undefined) {
          expect(duplicateKeys).toEqual([]);
          expect(dead.length).toBeLessThanOrEqual(4);
        } else expect(dead).toEqual([]);
        const deadKeys = new Set(dead.map((m) => m.idempotencyKey));
        for (let i = 0; i < MESSAGES; i++) {
          const deliveries = everything.filter((d) => d.text === `消息 crash-${i}`);
          // Exactly once at the platform, or dead-lettered with its outcome unknown (received
          // before the kill, or not: a person checks).
          if (deadKeys.has(`crash-${i}`)) expect(deliveries.length).toBeLessThanOrEqual(1);
          else expect(deliveries.length, `crash-${i}`).toBe(1);
          for (const delivery of deliveries) expect(delivery.key).toBe(`crash-${i}`);
        }
        // A repeat reached the channel only for what the platform had received before the kill.
        const receivedBefore = new Set(before.map((r) => r.key));
        for (const key of duplicateKeys) expect(receivedBefore.has(key)).toBe(true);
        expect(await store.outbox.stats()).toMatchObject({
          sent: MESSAGES - dead.length,
          pending: 0,
          claimed: 0,
          failed: 0,
          dead: dead.length,
        });
        console.info(
          `${target.name}: killed after ${before.length} received, ${leased} leased, ${duplicateKeys.length} repeat(s) dropped by the platform, ${dead.length} dead with the outcome unknown`,
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
