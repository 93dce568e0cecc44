import { describe, expect, it } from "vitest";
import type { InboundEvent } from "../../../../src/channels/channel.js";
import { createLocalChannel } from "../../../../src/channels/local/local-channel.js";
import type { OutboundMessage } from "../../../../src/channels/message.js";
import { createLogger, silentLogger } from "../../../../src/shared/logger.js";
import { MEMBERS, virtualClock } from "../../../fixtures/delivery/delivery-world.js";

const [alice, bob] = MEMBERS as [(typeof MEMBERS)[0], (typeof MEMBERS)[0]];
const hello: OutboundMessage = { kind: "text", text: "您好" };

function channel(options: Partial<Parameters<typeof createLocalChannel>[0]> = {}) {
  return createLocalChannel({
    clock: virtualClock("2021-03-22T02:05:00Z"),
    logger: silentLogger,
    ...options,
  });
}

describe("createLocalChannel", () => {
  it("records each message with its recipient, key, card id and a local platform id", async () => {
    const local = channel();
    const results = await local.send({
      idempotencyKey: "k1",
      recipients: [alice, bob],
      message: hello,
      cardId: "card-1",
    });
    expect([...results.values()]).toEqual([
      { status: "sent", platformMessageId: "local-1" },
      { status: "sent", platformMessageId: "local-2" },
    ]);
    expect(local.sent({ to: bob.personId })).toEqual([
      {
        n: 2,
        to: bob.personId,
        name: bob.name,
        message: hello,
        idempotencyKey: "k1",
        cardId: "card-1",
        platformMessageId: "local-2",
        at: "2021-03-22T02:05:00.000Z",
      },
    ]);
  });

  it("treats a repeated idempotency key as the platform's duplicate and answers with the first id", async () => {
    const local = channel();
    await local.send({ idempotencyKey: "k1", recipients: [alice], message: hello });
    const again = await local.send({ idempotencyKey: "k1", recipients: [alice, bob], message: hello });
    expect(again.get(alice.personId)).toEqual({ status: "sent", platformMessageId: "local-1" });
    expect(again.get(bob.personId)).toEqual({ status: "sent", platformMessageId: "local-2" });
    expect(local.sent().map((m) => m.to)).toEqual([alice.personId, bob.personId]);
    expect(local.duplicates()).toEqual([
      {
        idempotencyKey: "k1",
        to: alice.personId,
        firstPlatformMessageId: "local-1",
        at: "2021-03-22T02:05:00.000Z",
      },
    ]);
  });

  it("remembers what the platform saw before a restart", async () => {
    const local = channel({
      alreadySent: [{ idempotencyKey: "k1", to: alice.personId, platformMessageId: "local-9" }],
    });
    const results = await local.send({ idempotencyKey: "k1", recipients: [alice], message: hello });
    expect(results.get(alice.personId)).toEqual({ status: "sent", platformMessageId: "local-9" });
    expect(local.sent()).toEqual([]);
    expect(local.duplicates()).toHaveLength(1);
  });

  it("fails sends to one recipient as scripted, then recovers", async () => {
    const local = channel();
    local.failFor(alice.personId, "rate-limited", { times: 2, retryAfterMs: 5_000 });
    const first = await local.send({ idempotencyKey: "a", recipients: [alice, bob], message: hello });
    expect(first.get(alice.personId)).toMatchObject({ status: "rate-limited", retryAfterMs: 5_000 });
    expect(first.get(bob.personId)).toMatchObject({ status: "sent" });
    expect(
      (await local.send({ idempotencyKey: "b", recipients: [alice], message: hello })).get(alice.personId),
    ).toMatchObject({ status: "rate-limited" });
    expect(
      (await local.send({ idempotencyKey: "c", recipients: [alice], message: hello })).get(alice.personId),
    ).toMatchObject({ status: "sent" });
  });

  it("fails every send to a recipient until cleared", async () => {
    const local = channel();
    local.failFor(alice.personId, "invalid-recipient");
    for (const key of ["a", "b", "c"]) {
      const result = await local.send({ idempotencyKey: key, recipients: [alice], message: hello });
      expect(result.get(alice.personId)?.status).toBe("invalid-recipient");
    }
    local.clearFailures();
    const result = await local.send({ idempotencyKey: "d", recipients: [alice], message: hello });
    expect(result.get(alice.personId)?.status).toBe("sent");
  });

  it("filters what it sent by time", async () => {
    const clock = virtualClock("2021-03-22T02:05:00Z");
    const local = channel({ clock });
    await local.send({ idempotencyKey: "a", recipients: [alice], message: hello });
    clock.advance(60_000);
    await local.send({ idempotencyKey: "b", recipients: [alice], message: hello });
    expect(local.sent({ since: new Date("2021-03-22T02:06:00Z") }).map((m) => m.idempotencyKey)).toEqual([
      "b",
    ]);
  });

  it("passes over the messages a caller has seen, and the copy it returns is the caller's", async () => {
    const local = channel();
    await local.send({ idempotencyKey: "a", recipients: [alice, bob], message: hello });
    const seen = local.sent().length;
    await local.send({ idempotencyKey: "b", recipients: [alice], message: hello });
    const unseen = local.sent({ after: seen });
    expect(unseen.map((m) => `${m.idempotencyKey} ${m.n}`)).toEqual(["b 3"]);
    expect(local.sent({ after: seen, to: bob.personId })).toEqual([]);
    expect(local.sent({ after: 3 })).toEqual([]);
    unseen.pop();
    expect(local.sent()).toHaveLength(3);
  });

  it("records a closed card as an update: the card as it was, its buttons gone, and the label", async () => {
    const local = channel();
    const card = {
      title: "第52项",
      fields: [],
      buttons: [{ key: "ack", text: "签收", style: "primary" as const }],
    };
    await local.send({
      idempotencyKey: "k",
      recipients: [alice],
      message: { kind: "card", card },
      cardId: "card-1",
    });
    const result = await local.updateCard?.({
      cardId: "card-1",
      recipient: alice,
      update: { kind: "close", label: "已签收" },
    });
    expect(result).toEqual({ status: "sent", platformMessageId: "local-2" });
    expect(local.sent()[1]).toMatchObject({
      cardId: "card-1",
      update: true,
      closedWith: "已签收",
      message: { kind: "card", card: { title: "第52项", buttons: [] } },
    });
  });

  it("refuses what no platform could show: a card with neither a button nor a link", async () => {
    const local = channel();
    const bare = { kind: "card" as const, card: { title: "已签收", fields: [], buttons: [] } };
    const results = await local.send({
      idempotencyKey: "k",
      recipients: [alice],
      message: bare,
      cardId: "c",
    });
    expect(results.get(alice.personId)).toMatchObject({
      status: "permanent-error",
      reason: expect.stringContaining("至少需要一个按钮或一个链接"),
    });
    const replaced = await local.updateCard?.({
      cardId: "c",
      recipient: alice,
      update: { kind: "replace", card: bare.card },
    });
    expect(replaced).toMatchObject({ status: "permanent-error" });
    expect(local.sent()).toEqual([]);
  });

  it("refuses a blank text, a card without an id, and a close label longer than a button", async () => {
    const local = channel();
    const card = { title: "t", fields: [], buttons: [{ key: "a", text: "签收", style: "default" as const }] };
    const status = async (request: Parameters<typeof local.send>[0]) =>
      (await local.send(request)).get(alice.personId)?.status;
    expect(
      await status({ idempotencyKey: "a", recipients: [alice], message: { kind: "text", text: " \n" } }),
    ).toBe("permanent-error");
    expect(await status({ idempotencyKey: "b", recipients: [alice], message: { kind: "card", card } })).toBe(
      "permanent-error",
    );
    const close = await local.updateCard?.({
      cardId: "c",
      recipient: alice,
      update: { kind: "close", label: "已反馈：进展正常请继续关注" },
    });
    expect(close).toMatchObject({ status: "permanent-error" });
  });

  it("logs one readable line per message", async () => {
    const lines: string[] = [];
    const local = channel({ logger: createLogger({ write: (line) => lines.push(line) }) });
    await local.send({
      idempotencyKey: "k1",
      recipients: [alice],
      message: { kind: "text", text: "第一行\n第二行" },
    });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({
      msg: "→ 联络员甲: 第一行 ⏎ 第二行",
      channel: "local",
      to: alice.personId,
      idempotencyKey: "k1",
    });
  });

  it("hands injected events to the handler given at construction or later", async () => {
    const seen: InboundEvent[] = [];
    const event: InboundEvent = {
      kind: "text",
      eventId: "e1",
      channel: "local",
      from: "c1",
      text: "52 已完成",
      at: "2021-03-22T02:05:00Z",
    };
    const local = channel({ onInbound: (e) => void seen.push(e) });
    await local.receive(event);
    const later: InboundEvent[] = [];
    local.setInboundHandler(async (e) => void later.push(e));
    await local.receive(event);
    expect(seen).toEqual([event]);
    expect(later).toEqual([event]);
  });

  it("declares no budgets unless given some", () => {
    expect(channel().budgets).toEqual([]);
    const budgets = [{ name: "m", scope: "recipient" as const, limit: 30, windowMs: 60_000 }];
    expect(channel({ budgets }).budgets).toEqual(budgets);
  });
});
