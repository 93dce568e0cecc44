import { describe, expect, it } from "vitest";
import { createLocalChannel } from "../../../src/channels/local/local-channel.js";
import { chatOf } from "../../../src/playground/chat-view.js";
import { silentLogger } from "../../../src/shared/logger.js";
import { virtualClock } from "../../fixtures/delivery/delivery-world.js";

const person = { personId: "wecom:c1", name: "徐勇", accounts: { wecom: "c1" } };
const card = {
  title: "督办提醒｜第52项进展报送",
  fields: [],
  buttons: [
    { key: "ack", text: "签收", style: "primary" as const },
    { key: "complete", text: "申请办结", style: "default" as const },
  ],
};

describe("chatOf (one person's chat in the playground)", () => {
  it("interleaves what the person sent with what the bot sent, and shows a card as it now looks, where it was first sent", async () => {
    const clock = virtualClock("2021-03-22T01:03:00.000Z");
    const channel = createLocalChannel({ clock, logger: silentLogger });
    await channel.send({
      recipients: [person],
      message: { kind: "card", card },
      idempotencyKey: "k1",
      cardId: "c-52",
    });
    const at = clock.now().toISOString();
    channel.noteHeard({
      kind: "card-action",
      eventId: "e1",
      channel: "local",
      from: "wecom:c1",
      cardId: "c-52",
      actionKey: "ack",
      at,
    });
    await channel.updateCard?.({
      cardId: "c-52",
      recipient: person,
      update: { kind: "close", label: "已签收" },
    });
    await channel.send({
      recipients: [person],
      message: { kind: "text", text: "已签收第52项" },
      idempotencyKey: "k2",
    });
    const takeBack = channel.noteHeard({
      kind: "text",
      eventId: "e2",
      channel: "local",
      from: "wecom:c1",
      text: "lost",
      at,
    });
    takeBack(); // the store refused it: it was never sent
    await channel.send({
      recipients: [{ ...person, personId: "wecom:c2" }],
      message: { kind: "text", text: "other" },
      idempotencyKey: "k3",
    });

    const chat = chatOf(channel, "wecom:c1");
    expect(chat.map((item) => item.side)).toEqual(["bot", "person", "bot"]);
    expect(chat[0]).toMatchObject({ n: 1, cardId: "c-52", closedWith: "已签收", updated: true });
    expect(
      chat[0]?.side === "bot" && chat[0].message.kind === "card" && chat[0].message.card.buttons,
    ).toEqual([]);
    expect(chat[1]).toMatchObject({ kind: "card-action", actionKey: "ack", label: "签收" });
    expect(chat[2]).toMatchObject({ message: { kind: "text", text: "已签收第52项" } });
  });
});
