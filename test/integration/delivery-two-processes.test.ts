import { afterAll, describe, expect, it } from "vitest";
import { enqueueMessages } from "../fixtures/delivery/delivery-world.js";
import { receivedUntilDone, startDispatchChild } from "../fixtures/delivery/dispatch-children.js";
import { storeTargets } from "../fixtures/store/store-targets.js";

const NOW = "2021-03-22T02:05:00.000Z"; // Monday 10:05 in Shanghai
const MESSAGES = 1_000;

const { targets, cleanup } = await storeTargets("delivery-two");
afterAll(cleanup);

describe.each(targets)("$name: two dispatcher processes on one outbox", (target) => {
  it.skipIf(!target.available)(
    "deliver each message exactly once between them",
    async () => {
      const location = target.fresh();
      const store = await target.open(location);
      try {
        await enqueueMessages(store, "two", MESSAGES, NOW);
        const env = { STORE_SPEC: location.spec, STORE_PREFIX: location.prefix, NOW, LATENCY_MS: "1" };
        const children = await Promise.all(
          ["a", "b"].map((worker) => startDispatchChild({ ...env, WORKER: `worker-${worker}` })),
        );
        for (const child of children) child.send("go");
        const [a = [], b = []] = await Promise.all(children.map(receivedUntilDone));
        await Promise.all(children.map((child) => child.exited));

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
});
