import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/store.js";
import { sampleMessage } from "../fixtures/store/sample-records.js";
import { type Child, spawnChild } from "../fixtures/store/spawn-child.js";
import { type StoreLocation, storeTargets } from "../fixtures/store/store-targets.js";

const { targets, cleanup } = await storeTargets("two-process");
afterAll(cleanup);

const NOW = "2021-03-22T00:30:00.000Z";

describe.each(targets)("$name: two processes on one store", (target) => {
  let location: StoreLocation;
  let store: Store;
  let children: Child[] = [];

  const start = async (count: number): Promise<Child[]> => {
    const started = Array.from({ length: count }, () =>
      spawnChild("store-child.ts", { STORE_SPEC: location.spec, STORE_PREFIX: location.prefix }),
    );
    children.push(...started);
    for (const child of started) await child.next();
    return started;
  };

  beforeEach(async () => {
    if (!target.available) return;
    location = target.fresh();
    store = await target.open(location);
  });

  afterEach(async () => {
    for (const child of children) child.process.kill("SIGKILL");
    await Promise.all(children.map((child) => child.exited));
    children = [];
    await store?.close();
  });

  it.skipIf(!target.available)("hands every outbox message to exactly one process", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 400; i++)
      ids.push((await store.outbox.enqueue(sampleMessage(`m${i}`, { notBefore: NOW }))).id);
    const [a, b] = await start(2);
    if (!a || !b) throw new Error("children did not start");
    // Both loops start at one agreed time, so they overlap.
    const startAt = Date.now() + 300;
    const claims = [a, b].map((child, i) =>
      child.call<number[]>({ op: "claimAll", worker: `w${i}`, now: NOW, limit: 3, workMs: 2, startAt }),
    );
    const [byA, byB] = await Promise.all(claims);
    expect(byA?.length).toBeGreaterThan(0);
    expect(byB?.length).toBeGreaterThan(0);
    expect(byA?.filter((id) => byB?.includes(id))).toEqual([]);
    expect([...(byA ?? []), ...(byB ?? [])].sort((x, y) => x - y)).toEqual(ids);
    const sent = await store.outbox.list({ status: "sent" });
    expect(sent).toHaveLength(ids.length);
    for (const m of sent) {
      const worker = byA?.includes(m.id) ? "w0" : "w1";
      expect(m).toMatchObject({ platformMessageId: `${worker}/${m.id}`, attempts: 1 });
    }
  });

  it.skipIf(!target.available)("gives each claimOnce key to exactly one process", async () => {
    // Enough keys that the race lasts a few hundred ms: a child scheduled late on a busy machine
    // must still meet the other in the middle, or the test would prove nothing.
    const keys = Array.from({ length: 10_000 }, (_, i) => `evt-${i}`);
    const children = await start(2);
    // Opposite orders from one start time: they meet in the middle, so each wins some and they race there.
    const orders = [keys, [...keys].reverse()];
    const startAt = Date.now() + 1_000;
    const won = await Promise.all(
      children.map((child, i) =>
        child.call<string[]>({ op: "claimOnce", keys: orders[i], ttlMs: 60_000, startAt }),
      ),
    );
    const all = won.flat();
    expect(all.sort()).toEqual([...keys].sort());
    for (const list of won) expect(list.length).toBeGreaterThan(0);
  });

  it.skipIf(!target.available)("frees a lock whose holder was killed, once its TTL has passed", async () => {
    const [holder, waiter] = await start(2);
    if (!holder || !waiter) throw new Error("children did not start");
    const ttlMs = 1_500;
    const held = await holder.call<{ token: string | null; before: number }>({
      op: "acquireLock",
      name: "sweep",
      ttlMs,
    });
    expect(held.token).toEqual(expect.any(String));
    holder.process.kill("SIGKILL");
    await holder.exited;
    const taken = await waiter.call<{ first: string | null; token: string; after: number }>({
      op: "waitLock",
      name: "sweep",
      ttlMs: 60_000,
    });
    // The dead holder kept the lock until its TTL ran out, then the other process got it.
    expect(taken.first).toBeNull();
    expect(taken.token).not.toBe(held.token);
    expect(taken.after - held.before).toBeGreaterThanOrEqual(ttlMs);
    expect(await store.acquireLock("sweep", 60_000)).toBeNull();
  });
});
