import { describe, expect, it } from "vitest";
import { describeLocalMessage } from "../../../../src/channels/local/describe-local-message.js";

describe("describeLocalMessage", () => {
  it("shows a card's title, fields and buttons with their keys", () => {
    const line = describeLocalMessage("联络员甲", {
      kind: "card",
      card: {
        title: "督办提醒｜第52项进展报送",
        description: "稳就业。",
        fields: [
          { label: "责任单位", value: "区人社局" },
          { label: "报送截止", value: "2021年3月25日（周四）" },
        ],
        buttons: [
          { key: "ack", text: "签收", style: "primary" },
          { key: "ok", text: "正常推进", style: "default" },
        ],
      },
    });
    expect(line).toBe(
      "→ 联络员甲: [card] 督办提醒｜第52项进展报送 | 稳就业。 | 责任单位: 区人社局; 报送截止: 2021年3月25日（周四） | [签收](ack) [正常推进](ok)",
    );
  });

  it("shows a markdown message's title and body", () => {
    expect(
      describeLocalMessage("督办员", { kind: "markdown", title: "周报", markdown: "**3** 项逾期" }),
    ).toBe("→ 督办员: [markdown] 周报 — **3** 项逾期");
  });
});
