import { describe, expect, it } from "vitest";
import { MEMBERS, textMessage } from "../../fixtures/delivery/delivery-world.js";
import { dispatchWorld } from "../../fixtures/delivery/dispatch-world.js";

const NOW = "2021-03-22T02:05:00.000Z"; // Monday 10:05 in Shanghai

const alice = MEMBERS[0]?.personId ?? "";

describe("dispatchDue: delivery", () => {
  it("sends a due message once, with its idempotency key, and marks it sent", async () => {
    const { store, channel, dispatcher } = dispatchWorld(NOW);
    const { id } = await store.outbox.enqueue(textMessage("52/区财政局/2021-03/T-3/c1", alice, NOW));
    expect(await dispatcher.dispatchDue()).toMatchObject({ claimed: 1, sent: 1, retried: 0, dead: 0 });
    expect(await dispatcher.dispatchDue()).toMatchObject({ claimed: 0, sent: 0 });
    expect(channel.sent()).toEqual([
      expect.objectContaining({
        to: alice,
        idempotencyKey: "52/区财政局/2021-03/T-3/c1",
        platformMessageId: "local-1",
      }),
    ]);
    expect(await store.outbox.get(id)).toMatchObject({
      status: "sent",
      platformMessageId: "local-1",
      sentAt: NOW,
    });
  });

  it("leaves a message alone until it is due", async () => {
    const { store, clock, channel, dispatcher } = dispatchWorld(NOW);
    await store.outbox.enqueue(textMessage("later", alice, "2021-03-22T02:10:00.000Z"));
    await dispatcher.dispatchDue();
    expect(channel.sent()).toEqual([]);
    clock.set("2021-03-22T02:10:00.000Z");
    await dispatcher.dispatchDue();
    expect(channel.sent()).toHaveLength(1);
  });

  it("drains more than one batch in a call", async () => {
    const { store, channel, dispatcher } = dispatchWorld(NOW);
    for (let i = 0; i < 120; i++)
      await store.outbox.enqueue(textMessage(`m${i}`, MEMBERS[i % 3]?.personId ?? "", NOW));
    expect(await dispatcher.dispatchDue()).toMatchObject({ claimed: 120, sent: 120 });
    expect(new Set(channel.sent().map((m) => m.idempotencyKey)).size).toBe(120);
  });

  it("passes a card's id to the channel", async () => {
    const { store, channel, dispatcher } = dispatchWorld(NOW);
    await store.outbox.enqueue({
      ...textMessage("card", alice, NOW),
      payload: {
        message: {
          kind: "card",
          card: { title: "督办提醒", fields: [], buttons: [{ key: "ack", text: "签收", style: "primary" }] },
        },
        cardId: "card-52",
      },
    });
    await dispatcher.dispatchDue();
    expect(channel.sent()[0]).toMatchObject({ cardId: "card-52", message: { kind: "card" } });
  });
});
