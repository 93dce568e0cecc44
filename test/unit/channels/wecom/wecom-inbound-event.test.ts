import { describe, expect, it } from "vitest";
import { readWecomInbound } from "../../../../src/channels/wecom/wecom-inbound.js";
import { toInboundEvent } from "../../../../src/channels/wecom/wecom-inbound-event.js";
import { readFixture } from "./wecom-test-kit.js";

const click = (fields: { from?: string; time?: string; key?: string; code?: string; task?: string } = {}) =>
  readWecomInbound(
    readFixture("template-card-event-button.xml")
      .replace("lisi", fields.from ?? "lisi")
      .replace("1767225601", fields.time ?? "1767225601")
      .replace("[done]", `[${fields.key ?? "done"}]`)
      .replace("rc-0002", fields.code ?? "rc-0002")
      .replace("T12_U4_r1", fields.task ?? "T12_U4_r1"),
  );

describe("toInboundEvent", () => {
  it("turns a text from the 1:1 app chat into a neutral text event keyed by MsgId", () => {
    expect(toInboundEvent(readWecomInbound(readFixture("text-message.xml")))).toEqual({
      kind: "text",
      eventId: "wecom:msg:18446744073709551615",
      channel: "wecom",
      from: "zhaoliu",
      text: "  12 完成80% 已交初稿 & <ok> ",
      at: "2026-01-01T00:00:03.000Z",
    });
  });

  it("turns a button click into a card action with its card id, key and update code", () => {
    expect(toInboundEvent(click())).toEqual({
      kind: "card-action",
      eventId: expect.stringMatching(/^wecom:card:[0-9a-f]{32}$/),
      channel: "wecom",
      from: "lisi",
      cardId: "T12_U4_r1",
      actionKey: "done",
      at: "2026-01-01T00:00:01.000Z",
      updateToken: "rc-0002",
    });
  });

  it("decodes the card id Duban encoded into the task_id", () => {
    expect(toInboundEvent(click({ task: "52@2F@E5@8C@BA" }))).toMatchObject({ cardId: "52/区" });
  });

  it("gives a retried delivery the same event id", () => {
    expect(toInboundEvent(click())?.eventId).toBe(toInboundEvent(click())?.eventId);
  });

  it("tells apart two clicks by the same member in the same second", () => {
    const ids = new Set(
      [
        click(),
        click({ key: "difficulty", code: "rc-0003" }),
        click({ code: "rc-0004" }),
        click({ task: "T13" }),
      ].map((inbound) => toInboundEvent(inbound)?.eventId),
    );
    expect(ids.size).toBe(4);
  });

  it("ignores events Duban does not act on", () => {
    expect(toInboundEvent(readWecomInbound(readFixture("enter-agent-event.xml")))).toBeUndefined();
  });
});
