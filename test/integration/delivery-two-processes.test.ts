import { afterAll, describe, expect, it } from "vitest";
import type { SendBudget } from "../../src/channels/channel.js";
import { enqueueMessages, MEMBERS } from "../fixtures/delivery/delivery-world.js";
import {
  type Received,
  receivedUntilDone,
  startDispatchChild,
} from "../fixtures/delivery/dispatch-children.js";
import { type StoreLocation, storeTargets } from "../fixtures/store/store-targets.js";

const NOW = "2021-03-22T02:05:00.000Z"; // Monday 10:05 in Shanghai
const MESSAGES = 1_000;

const { targets, cleanup } = await storeTargets("delivery-two");
afterAll(cleanup);

/** Runs two dispatcher processes on `location` from one "go" until neither has anything left at NOW. */
async function runTwo(location: StoreLocation, extra: Record<string, string> = {}): Promise<Received[][]> {
  const env = { STORE_SPEC: location.spec, STORE_PREFIX: location.prefix, NOW, LATENCY_MS: "1", ...extra };
  const children = await Promise.all(
    ["a", "b"].map((worker) => startDispatchChild({ ...env, WORKER: `worker-${worker}` })),
  );
  for (const child of children) child.send("go");
  const received = await Promise.all(children.map(receivedUntilDone));
  await Promise.all(children.map((child) => child.exited));
  return received;
}

describe.each(targets)("$name: two dispatcher processes on one outbox", (target) => {
  it.skipIf(!target.available)(
    "deliver each message exactly once between them",
    async () => {
      const location = target.fresh();
      const store = await target.open(location);
      try {
        await enqueueMessages(store, "two", MESSAGES, NOW);
        const [a = [], b = []] = await runTwo(location);

        const keys = [...a, ...b].map((r) => r.key);
        expect(keys).toHaveLength(MESSAGES);
        expect(new Set(keys).size).toBe(MESSAGES);
        console.info(`${target.name}: worker-a sent ${a.length}, worker-b ${b.length}`);
        // Both took part, so the outbox's claims really kept them apart.
        expect(a.length).toBeGreaterThan(0);
        expect(b.length).toBeGreaterThan(0);
        expect(await store.outbox.stats()).toMatchObject({
          sent: MESSAGES,
          pending: 0,
          claimed: 0,
          failed: 0,
          dead: 0,
        });
      } finally {
        await store.close();
      }
    },
    60_000,
  );

  it.skipIf(!target.available)(
    "share one per-recipient budget: together they send no more than it allows",
    async () => {
      const PER_MEMBER = 20;
      const EACH = 60;
      // A window far longer than the test, so that on the fixed clock no slot ever frees up.
      const budgets: SendBudget[] = [
        { name: "member-per-hour", scope: "recipient", limit: PER_MEMBER, windowMs: 3_600_000 },
        { name: "app-per-day", scope: "channel", limit: 10_000, windowMs: 86_400_000 },
      ];
      const location = target.fresh();
      const store = await target.open(location);
      try {
        await enqueueMessages(store, "budget", EACH * MEMBERS.length, NOW);
        // 20 ms a send: only 60 can go out, and at 1 ms the first process to start could take them
        // all on a loaded machine before the other claims anything.
        const [a = [], b = []] = await runTwo(location, {
          BUDGETS: JSON.stringify(budgets),
          LATENCY_MS: "20",
        });

        console.info(`${target.name}: under a budget, worker-a sent ${a.length}, worker-b ${b.length}`);
        expect(a.length).toBeGreaterThan(0);
        expect(b.length).toBeGreaterThan(0);
        // Each process alone would have let PER_MEMBER through per member.
        for (const member of MEMBERS) {
          expect([...a, ...b].filter((r) => r.to === member.personId)).toHaveLength(PER_MEMBER);
        }
        const sent = PER_MEMBER * MEMBERS.length;
        // The rest were deferred: pending again, due when the budget frees a slot, no attempt spent.
        expect(await store.outbox.stats()).toMatchObject({ sent, pending: EACH * MEMBERS.length - sent });
        const deferred = await store.outbox.list({ status: "pending" });
        expect(deferred.every((m) => m.attempts === 0 && (m.deferrals ?? 0) >= 1)).toBe(true);
        expect(deferred.every((m) => Date.parse(m.dueAt) >= Date.parse(NOW) + 3_600_000)).toBe(true);
        // Refused sends took no slot of the channel's budget: it counted exactly the sends.
        const channel = { key: "local:app-per-day", windowMs: 86_400_000 };
        expect((await store.budgets.take([{ ...channel, limit: sent }], NOW)).ok).toBe(false);
        expect(await store.budgets.take([{ ...channel, limit: sent + 1 }], NOW)).toEqual({ ok: true });
      } finally {
        await store.close();
      }
    },
    60_000,
  );
});
