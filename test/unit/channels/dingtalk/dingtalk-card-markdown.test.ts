import { describe, expect, it } from "vitest";
import { CARD_ACTIONS } from "../../../../src/cards/card-actions.js";
import { renderCardAsMarkdown } from "../../../../src/channels/dingtalk/dingtalk-card-markdown.js";
import { readTaskNumber } from "../../../../src/progress/read-task-number.js";
import { readDifficulty } from "../../../../src/workflow/difficulty-words.js";
import { REMINDER } from "./dingtalk-cards-kit.js";

describe("renderCardAsMarkdown", () => {
  it("writes the title, description and fields, then how to answer each button by typing", () => {
    const { title, text } = renderCardAsMarkdown(REMINDER);
    expect(title).toBe(REMINDER.title);
    expect(text.split("\n\n")).toEqual([
      `#### ${REMINDER.title}`,
      REMINDER.description,
      "- 责任单位：区人社局（主办）\n- 报送截止：3月6日（周五）",
      [
        "本消息不含按钮，请直接回复文字（序号为标题中的任务序号）：",
        "- 签收：报送任一进展（如“序号 正常推进”）即视为已签收",
        "- 正常推进：回复“序号 正常推进”",
        "- 有困难：回复“序号 有困难：具体情况”",
        "- 报送进展：回复“序号 本期进展”，写明数值，如卡片中的示例",
      ].join("\n"),
      "「申请办结」「申请延期」暂不能通过回复文字办理，请联系督考办。",
    ]);
  });

  it("offers only typed forms the card's buttons stand for; a card without buttons gets none", () => {
    const decision = {
      ...REMINDER,
      buttons: [
        { key: "approve", text: "批准办结", style: "primary" as const },
        { key: "return", text: "退回", style: "default" as const },
      ],
    };
    const { text } = renderCardAsMarkdown(decision);
    expect(text).not.toContain("序号 正常推进");
    expect(text).toContain("「批准办结」「退回」暂不能通过回复文字办理");
    const plain = renderCardAsMarkdown({ ...REMINDER, buttons: [], url: "https://example.gov.cn/52" });
    expect(plain.text.endsWith("[查看详情](https://example.gov.cn/52)")).toBe(true);
  });

  it("names real button keys only (cards/card-actions.ts), and typed forms the text path reads", () => {
    // Every key with a typed line is a key Duban's cards carry: a renamed key would silently lose its line.
    for (const key of ["report", "on-track", "difficulty", "ack"])
      expect(Object.hasOwn(CARD_ACTIONS, key)).toBe(true);
    // "52 正常推进" and "52 有困难：…" are read as task 52 with the rest as the reply.
    expect(readTaskNumber("52 正常推进")).toEqual({ taskNo: 52, rest: "正常推进" });
    expect(readTaskNumber("52 有困难：场地未落实")).toEqual({ taskNo: 52, rest: "有困难：场地未落实" });
    expect(readDifficulty("有困难：场地未落实")).toBe("场地未落实");
  });

  it("tells a group to @ the robot", () => {
    expect(renderCardAsMarkdown(REMINDER, { group: true }).text).toContain("请@本机器人后回复文字");
  });
});
