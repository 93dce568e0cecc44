import { describe, expect, it, onTestFinished } from "vitest";
import type { Channel } from "../../../src/channels/channel.js";
import { createLocalChannel } from "../../../src/channels/local/local-channel.js";
import type { OutboundMessage } from "../../../src/channels/message.js";
import { outboxPayloadSchema } from "../../../src/delivery/outbox-payload.js";
import { silentLogger } from "../../../src/shared/logger.js";
import {
  MEMBERS,
  tempSqliteStore,
  testDispatcher,
  textMessage,
  virtualClock,
} from "../../fixtures/delivery/delivery-world.js";
import { TINY_PNG } from "../../helpers/read-multipart.js";

const NOW = "2021-03-22T02:05:00.000Z";
const alice = MEMBERS[0]?.personId ?? "";
const chart: OutboundMessage = {
  kind: "image",
  fileName: "寇宁-2021-W14.png",
  base64: TINY_PNG.toString("base64"),
  caption: "第14周督办进度：已报送48项，未报送3项。",
};
const ledger: OutboundMessage = {
  kind: "file",
  fileName: "台账-2021-04-06.xlsx",
  base64: Buffer.alloc(150 * 1024, 1).toString("base64"),
};

/** The local channel, declaring images and files as `media` says. */
function world(media: { images: boolean; files: boolean }) {
  const temp = tempSqliteStore();
  onTestFinished(temp.remove);
  const clock = virtualClock(NOW);
  const local = createLocalChannel({ clock, logger: silentLogger });
  const channel: Channel = { ...local, limits: { ...local.limits, ...media } };
  return { store: temp.store, local, dispatcher: testDispatcher(temp.store, channel, clock) };
}

describe("dispatching images and files", () => {
  it("sends them as such on a channel that takes them", async () => {
    const { store, local, dispatcher } = world({ images: true, files: true });
    await store.outbox.enqueue({ ...textMessage("chart", alice, NOW), payload: { message: chart } });
    await dispatcher.dispatchDue();
    expect(local.sent().map((m) => m.message)).toEqual([chart]);
  });

  it("sends the caption as text where the channel takes no images, and the file's line where it takes no files", async () => {
    const { store, local, dispatcher } = world({ images: false, files: false });
    await store.outbox.enqueue({ ...textMessage("chart", alice, NOW), payload: { message: chart } });
    await store.outbox.enqueue({ ...textMessage("ledger", alice, NOW), payload: { message: ledger } });
    expect(await dispatcher.dispatchDue()).toMatchObject({ sent: 2, dead: 0 });
    expect(local.sent().map((m) => m.message)).toEqual([
      { kind: "text", text: "第14周督办进度：已报送48项，未报送3项。" },
      { kind: "text", text: "[文件] 台账-2021-04-06.xlsx（150 KB）" },
    ]);
  });
});

describe("the outbox payload of an image or a file", () => {
  const parse = (message: unknown) => outboxPayloadSchema.safeParse({ message }).success;

  it("carries a PNG up to 2 MB and a file up to 20 MB, as base64", () => {
    expect(parse(chart)).toBe(true);
    expect(parse(ledger)).toBe(true);
    const big = (bytes: number) => Buffer.alloc(bytes, 7).toString("base64");
    expect(parse({ ...chart, base64: big(2 * 1024 * 1024) })).toBe(true);
    expect(parse({ ...chart, base64: big(2 * 1024 * 1024 + 1) })).toBe(false);
    expect(parse({ ...ledger, base64: big(20 * 1024 * 1024) })).toBe(true);
    expect(parse({ ...ledger, base64: big(20 * 1024 * 1024 + 1) })).toBe(false);
  });

  it("refuses what no platform takes: 5 bytes or less, text that is not base64, a name with a folder, an image not named .png", () => {
    expect(parse({ ...ledger, base64: Buffer.from("12345").toString("base64") })).toBe(false);
    expect(parse({ ...ledger, base64: "not base64!" })).toBe(false);
    expect(parse({ ...ledger, fileName: "../台账.xlsx" })).toBe(false);
    expect(parse({ ...ledger, fileName: "" })).toBe(false);
    expect(parse({ ...chart, fileName: "chart.jpg" })).toBe(false);
  });
});
