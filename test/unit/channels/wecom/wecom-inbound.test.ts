import { describe, expect, it } from "vitest";
import { readWecomInbound } from "../../../../src/channels/wecom/wecom-inbound.js";
import { V2, V3_POST, V4B } from "../../../fixtures/wecom/vectors.js";
import { readFixture, thrown } from "./wecom-test-kit.js";

describe("readWecomInbound: text messages", () => {
  it("reads official V2 with its MsgId exact", () => {
    const inbound = readWecomInbound(V2.message);
    expect(inbound).toMatchObject({
      kind: "text",
      toUserName: "wx5823bf96d3bd56c7",
      fromUserName: "mycreate",
      createTime: "1409659813",
      content: "hello",
      msgId: "4561255354251345929",
      agentId: "218",
    });
  });

  it.each([
    ["V3", V3_POST.message, "你好", "1456453720"],
    ["V4-B", V4B.message, "x123", "2018405441"],
  ])("reads official %s", (_, xml, content, msgId) => {
    expect(readWecomInbound(xml)).toMatchObject({ kind: "text", content, msgId });
  });

  it("keeps content exactly (spaces, '&', '<') and a 20-digit MsgId", () => {
    const inbound = readWecomInbound(readFixture("text-message.xml"));
    expect(inbound).toMatchObject({
      kind: "text",
      content: "  12 完成80% 已交初稿 & <ok> ",
      msgId: "18446744073709551615",
    });
  });

  it.each(["Content", "MsgId", "FromUserName", "CreateTime", "MsgType"])(
    "rejects a text without %s",
    (name) => {
      const xml = V2.message.replace(new RegExp(`<${name}>.*?</${name}>`), "");
      expect(thrown(() => readWecomInbound(xml))).toMatchObject({ wecomCode: -40002 });
    },
  );

  it("rejects a text with two Content elements rather than guessing", () => {
    const xml = V2.message.replace("</xml>", "<Content>again</Content></xml>");
    expect(thrown(() => readWecomInbound(xml))).toMatchObject({ wecomCode: -40002 });
  });
});

describe("readWecomInbound: template_card_event", () => {
  it("reads the brief's example with many items and many options", () => {
    expect(readWecomInbound(readFixture("template-card-event.xml"))).toMatchObject({
      kind: "template_card_event",
      fromUserName: "FromUser",
      eventKey: "key111",
      taskId: "taskid111",
      cardType: "text_notice",
      responseCode: "ResponseCode",
      agentId: "1",
      selectedItems: [
        { questionKey: "QuestionKey1", optionIds: ["OptionId1", "OptionId2"] },
        { questionKey: "QuestionKey2", optionIds: ["OptionId3"] },
      ],
    });
  });

  it("returns arrays for one item with one option, keeping '007' a string", () => {
    const inbound = readWecomInbound(readFixture("template-card-event-single.xml"));
    expect(inbound).toMatchObject({
      kind: "template_card_event",
      taskId: "T12_U3_r1",
      selectedItems: [{ questionKey: "progress", optionIds: ["007"] }],
    });
  });

  it("returns no selected items for a plain button click", () => {
    expect(readWecomInbound(readFixture("template-card-event-button.xml"))).toMatchObject({
      kind: "template_card_event",
      eventKey: "done",
      selectedItems: [],
    });
  });

  it.each([
    ["an empty SelectedItems", "<SelectedItems></SelectedItems>", []],
    [
      "an item with empty OptionIds",
      "<SelectedItems><SelectedItem><QuestionKey>q</QuestionKey><OptionIds/></SelectedItem></SelectedItems>",
      [{ questionKey: "q", optionIds: [] }],
    ],
  ])("accepts %s", (_, fragment, expected) => {
    const xml = readFixture("template-card-event-button.xml").replace("</xml>", `${fragment}</xml>`);
    expect(readWecomInbound(xml)).toMatchObject({ selectedItems: expected });
  });

  it.each(["EventKey", "TaskId", "ResponseCode"])("rejects a card event without %s", (name) => {
    const xml = readFixture("template-card-event-button.xml").replace(
      new RegExp(`<${name}>.*?</${name}>`),
      "",
    );
    expect(thrown(() => readWecomInbound(xml))).toMatchObject({ wecomCode: -40002 });
  });

  it("rejects a selected item without a QuestionKey", () => {
    const xml = readFixture("template-card-event-single.xml").replace(/<QuestionKey>.*?<\/QuestionKey>/, "");
    expect(thrown(() => readWecomInbound(xml))).toMatchObject({ wecomCode: -40002 });
  });
});

describe("readWecomInbound: anything else", () => {
  it("returns other events generically with every field as a string", () => {
    const inbound = readWecomInbound(readFixture("enter-agent-event.xml"));
    expect(inbound).toMatchObject({
      kind: "other",
      msgType: "event",
      event: "enter_agent",
      fromUserName: "wangwu",
    });
    expect(inbound.raw).toMatchObject({ EventKey: "", AgentID: "1000002", CreateTime: "1767225602" });
  });

  it("returns an image message generically", () => {
    const xml = V2.message.replace("<![CDATA[text]]>", "<![CDATA[image]]>");
    expect(readWecomInbound(xml)).toMatchObject({ kind: "other", msgType: "image", event: undefined });
  });
});
