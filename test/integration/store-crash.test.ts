import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { parseDump } from "../../src/store/parse-dump.js";
import { serializeDump } from "../../src/store/serialize-dump.js";
import { spawnChild } from "../fixtures/store/spawn-child.js";
import { storeTargets } from "../fixtures/store/store-targets.js";

const { targets, cleanup } = await storeTargets("crash");
afterAll(cleanup);

type Ack =
  | { op: "report"; cycle: string; version: number; note: string }
  | { op: "enqueued" | "sent" | "failed"; id: number };

describe.each(targets)("$name: a writer killed with SIGKILL", (target) => {
  it.skipIf(!target.available)("loses no acknowledged write and leaves nothing half-written", async () => {
    const location = target.fresh();
    const writer = spawnChild("crash-writer.ts", {
      STORE_SPEC: location.spec,
      STORE_PREFIX: location.prefix,
    });
    await writer.next();
    // Kill at a different point each run, while the writer is in the middle of its loop.
    const killAfter = 200 + Math.floor(Math.random() * 400);
    const acks: Ack[] = [];
    while (acks.length < killAfter) acks.push(await writer.next<Ack>());
    writer.process.kill("SIGKILL");
    const [, signal] = await writer.exited;
    expect(signal).toBe("SIGKILL");
    // Lines printed after the last one read were acknowledged too.
    acks.push(...writer.lines.map((line) => JSON.parse(line) as Ack));

    const store = await target.open(location);
    try {
      const history = await store.progress.history(52);
      for (const ack of acks.filter((a) => a.op === "report")) {
        expect(history).toContainEqual(
          expect.objectContaining({ cycle: ack.cycle, version: ack.version, note: ack.note }),
        );
      }
      for (const cycle of ["2021-03", "2021-04"]) {
        const versions = history.filter((r) => r.cycle === cycle).map((r) => r.version);
        expect(versions).toEqual(versions.map((_, i) => i + 1));
      }
      const outbox = await store.outbox.list();
      expect(outbox.map((m) => m.id)).toEqual(outbox.map((_, i) => i + 1));
      const byId = new Map(outbox.map((m) => [m.id, m]));
      for (const ack of acks) {
        if (ack.op === "enqueued") expect(byId.has(ack.id)).toBe(true);
        if (ack.op === "sent")
          expect(byId.get(ack.id)).toMatchObject({ status: "sent", platformMessageId: `p-${ack.id}` });
        if (ack.op === "failed") expect(byId.get(ack.id)?.lastError).toBe("transient");
      }
      // The dump's checks: every sent message has its platform id, every claim its lease, no version gap.
      const dump = await store.exportAll();
      expect(() => parseDump(serializeDump(dump), "after-crash")).not.toThrow();
      expect(acks.filter((a) => a.op === "sent").length).toBeGreaterThan(0);
      if (location.spec.startsWith("sqlite:")) {
        const db = new Database(location.spec.slice("sqlite:".length), { readonly: true });
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        db.close();
      }
    } finally {
      await store.close();
    }
  });
});
