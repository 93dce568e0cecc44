import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../../src/channels/channel.js";
import { createInbox, INBOX_LEASE_MS, INBOX_MAX_ATTEMPTS } from "../../../src/inbound/inbox-processor.js";
import { createLogger } from "../../../src/shared/logger.js";
import { SqliteStore } from "../../../src/store/sqlite/sqlite-store.js";
import { virtualClock } from "../../fixtures/delivery/delivery-world.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const text = (n: number): InboundEvent => ({
  kind: "text",
  eventId: `e${n}`,
  channel: "wecom",
  from: `u${n}`,
  text: "进展",
  at: "2026-01-01T00:00:00.000Z",
});

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A SQLite store on a virtual clock (leases run on it), and inboxes over it as instances would have. */
function world() {
  const dir = makeTempDir("duban-inbox");
  const clock = virtualClock("2026-01-01T00:00:00Z");
  const store = new SqliteStore({ path: join(dir.path, "duban.sqlite"), clock });
  cleanup.push(dir.remove, () => store.close());
  const logs: string[] = [];
  const logger = createLogger({ level: "debug", write: (line) => logs.push(line) });
  const instance = (worker: string, handle: (event: InboundEvent) => Promise<void>) => {
    const inbox = createInbox({ inbox: store.inbox, handle, logger, worker });
    cleanup.push(() => inbox.stop());
    return inbox;
  };
  return { store, clock, logs, instance };
}

describe("the inbox", () => {
  it("handles a received event once, however often it is delivered", async () => {
    const { store, instance } = world();
    const handled: string[] = [];
    const inbox = instance("w1", async (event) => void handled.push(event.eventId));
    await Promise.all([inbox.receive(text(1)), inbox.receive(text(1)), inbox.receive(text(2))]);
    await inbox.receive(text(1));
    expect(handled.sort()).toEqual(["e1", "e2"]);
    expect(await store.inbox.pendingCount()).toBe(0);
  });

  it("resumes what a crashed instance accepted, once its lease is over, on one instance only", async () => {
    const { store, clock, instance } = world();
    const crashed = instance("dead", async () => {});
    expect(await crashed.accept(text(1))).toBe(true); // acknowledged, never processed
    const handled: string[] = [];
    const a = instance("a", async (event) => void handled.push(`a:${event.eventId}`));
    const b = instance("b", async (event) => void handled.push(`b:${event.eventId}`));
    expect(await a.sweep()).toBe(0);
    clock.advance(INBOX_LEASE_MS);
    expect((await Promise.all([a.sweep(), b.sweep()])).reduce((x, y) => x + y)).toBe(1);
    expect(handled).toHaveLength(1);
    expect(await store.inbox.pendingCount()).toBe(0);
    clock.advance(INBOX_LEASE_MS);
    expect(await a.sweep()).toBe(0);
  });

  it("leaves an event whose handler failed to the sweep, and gives it up after repeated failures", async () => {
    const { store, clock, logs, instance } = world();
    let calls = 0;
    const inbox = instance("w1", async () => {
      calls += 1;
      throw new Error("store went away");
    });
    await inbox.receive(text(1));
    expect(await store.inbox.pendingCount()).toBe(1);
    for (let i = 0; i < INBOX_MAX_ATTEMPTS + 2; i++) {
      clock.advance(INBOX_LEASE_MS);
      await inbox.sweep();
    }
    expect(calls).toBe(INBOX_MAX_ATTEMPTS);
    expect(await store.inbox.pendingCount()).toBe(0);
    expect(logs.filter((line) => line.includes("given up after repeated failures"))).toHaveLength(1);
  });

  it("rejects accept when the store cannot take the event, storing nothing", async () => {
    const { store, instance } = world();
    const inbox = instance("w1", async () => {});
    await store.close();
    await expect(inbox.accept(text(1))).rejects.toThrow();
  });

  it("tells how the store took each event: accepted, duplicate, store-failed", async () => {
    const { store } = world();
    const told: string[] = [];
    const inbox = createInbox({
      inbox: store.inbox,
      handle: async () => {},
      logger: createLogger({ level: "error", write: () => {} }),
      worker: "w1",
      onAccepted: (channel, outcome) => void told.push(`${channel}:${outcome}`),
    });
    cleanup.push(() => inbox.stop());
    await Promise.all([inbox.receive(text(1)), inbox.receive(text(1))]);
    expect(await inbox.accept(text(2))).toBe(true);
    await store.close();
    await expect(inbox.accept(text(3))).rejects.toThrow();
    expect(told).toEqual(["wecom:accepted", "wecom:duplicate", "wecom:accepted", "wecom:store-failed"]);
  });

  it("waits, when stopped, for the events being processed", async () => {
    const { store, instance } = world();
    let release: () => void = () => {};
    const inbox = instance("w1", () => new Promise<void>((resolve) => (release = resolve)));
    expect(await inbox.accept(text(1))).toBe(true);
    void inbox.process(text(1));
    let stopped = false;
    const stopping = inbox.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await store.inbox.pendingCount()).toBe(0);
  });
});
