import { afterAll, describe, expect, it } from "vitest";
import type { LocalChannel } from "../../../src/channels/local/local-channel.js";
import { summarizeSimulation } from "../../../src/simulate/summarize-simulation.js";
import { serializeDump } from "../../../src/store/serialize-dump.js";
import { message } from "../../../src/templates/template-store.js";
import { tempSqliteStore } from "../../fixtures/delivery/delivery-world.js";
import { sampleAudit, sampleCard, sampleMessage } from "../../fixtures/store/sample-records.js";

const temp = tempSqliteStore("duban-sim-size");
afterAll(() => temp.remove());

describe("duban simulate's store size", () => {
  it("counts the records the store keeps and their size as a backup, and prints them", async () => {
    const { store } = temp;
    await store.audit.append(sampleAudit());
    await store.audit.append(sampleAudit({ actor: "lisi" }));
    await store.cards.put(sampleCard("c1"));
    await store.outbox.enqueue(sampleMessage("m1"));
    const local = { sent: () => [] } as unknown as LocalChannel;
    const totals = await summarizeSimulation({ store, local, replies: 0 });
    const bytes = Buffer.byteLength(serializeDump(await store.exportAll()), "utf8");
    expect(totals).toMatchObject({
      storeRecords: 4,
      storeBytes: bytes,
      storeMegabytes: (bytes / 1_000_000).toFixed(2),
    });
    const text = message("cli/simulate", "summary", { ...totals, ...totals.outbox });
    expect(text).toContain(`存储占用：4条记录，备份大小${totals.storeMegabytes} MB`);
  });
});
