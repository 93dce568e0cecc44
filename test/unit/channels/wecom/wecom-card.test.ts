import { describe, expect, it } from "vitest";
import { type Card, cardSchema } from "../../../../src/channels/message.js";
import { renderWecomCard } from "../../../../src/channels/wecom/wecom-card.js";

const card = (overrides: Partial<Card> = {}): Card =>
  cardSchema.parse({
    title: "【到期提醒】52 稳就业",
    description: "请于3月25日（周四）前反馈进展",
    fields: [
      { label: "责任单位", value: "区人社局" },
      { label: "截止", value: "2021年3月25日（周四）" },
    ],
    buttons: [
      { key: "ack", text: "签收", style: "primary" },
      { key: "difficulty", text: "有困难", style: "danger" },
      { key: "normal", text: "正常推进" },
    ],
    url: "https://duban.example/task/52",
    ...overrides,
  });

describe("renderWecomCard", () => {
  it("renders a card with buttons as button_interaction with the given task_id", () => {
    expect(renderWecomCard(card(), "T52_U3_r1")).toEqual({
      card_type: "button_interaction",
      main_title: { title: "【到期提醒】52 稳就业" },
      sub_title_text: "请于3月25日（周四）前反馈进展",
      horizontal_content_list: [
        { keyname: "责任单位", value: "区人社局" },
        { keyname: "截止", value: "2021年3月25日（周四）" },
      ],
      card_action: { type: 1, url: "https://duban.example/task/52" },
      task_id: "T52_U3_r1",
      button_list: [
        { type: 0, text: "签收", style: 1, key: "ack" },
        { type: 0, text: "有困难", style: 3, key: "difficulty" },
        { type: 0, text: "正常推进", style: 2, key: "normal" },
      ],
    });
  });

  it("renders a card without buttons as a text_notice that opens its link", () => {
    const rendered = renderWecomCard(card({ buttons: [] }), "T1");
    expect(rendered).toMatchObject({
      card_type: "text_notice",
      card_action: { type: 1, url: "https://duban.example/task/52" },
    });
    expect(rendered).not.toHaveProperty("button_list");
  });

  it("refuses a card with neither buttons nor a link", () => {
    expect(renderWecomCard(card({ buttons: [], url: undefined }), "T1")).toBe("cardNoAction");
  });

  it("refuses duplicate button keys, which WeCom requires to be unique", () => {
    const buttons = card().buttons.map((b) => ({ ...b, key: "same" }));
    expect(renderWecomCard(card({ buttons }), "T1")).toBe("cardDuplicateKey");
  });

  it("refuses a button key over 1024 bytes, even when it bypassed the neutral schema", () => {
    const buttons = [{ key: "键".repeat(342), text: "x", style: "default" as const }]; // 1026 bytes
    expect(renderWecomCard({ ...card(), buttons }, "T1")).toBe("cardKeyTooLong");
  });

  it("truncates long texts visibly, on character boundaries", () => {
    const rendered = renderWecomCard(
      card({
        title: "关于".repeat(30),
        fields: [{ label: "牵头责任单位", value: "区".repeat(40) }],
        buttons: [{ key: "k", text: "申请延期并说明理由和新的日期", style: "default" }],
      }),
      "T1",
    ) as Record<string, unknown>;
    expect(rendered.main_title).toEqual({ title: `${"关于".repeat(17)}关…` });
    expect(rendered.horizontal_content_list).toEqual([
      { keyname: "牵头责任…", value: `${"区".repeat(29)}…` },
    ]);
    expect(rendered.button_list).toEqual([{ type: 0, text: "申请延期并说明理由…", style: 2, key: "k" }]);
  });

  it("shows at most 6 fields and says how many more there are", () => {
    const fields = Array.from({ length: 9 }, (_, i) => ({ label: `指标${i + 1}`, value: `${i}` }));
    const rows = (renderWecomCard(card({ fields }), "T1") as Record<string, unknown>)
      .horizontal_content_list as Array<{ keyname: string; value: string }>;
    expect(rows).toHaveLength(6);
    expect(rows[4]).toEqual({ keyname: "指标5", value: "4" });
    expect(rows[5]).toEqual({ keyname: "…", value: "另有4项" });
  });
});
