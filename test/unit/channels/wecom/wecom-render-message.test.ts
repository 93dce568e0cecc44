import { describe, expect, it } from "vitest";
import { byteLength } from "../../../../src/channels/split-text.js";
import { renderWecomMessage } from "../../../../src/channels/wecom/wecom-render-message.js";

const card = { title: "t", fields: [], buttons: [{ key: "ack", text: "签收", style: "primary" as const }] };

describe("renderWecomMessage", () => {
  it("renders text as one text message when it fits in 2048 bytes", () => {
    expect(renderWecomMessage({ kind: "text", text: "请反馈52号任务进展" }, undefined)).toEqual([
      { msgtype: "text", text: { content: "请反馈52号任务进展" } },
    ]);
  });

  it("splits longer markdown at line boundaries into messages of at most 2048 bytes", () => {
    const rows = Array.from(
      { length: 80 },
      (_, i) => `> ${i + 1}. 区人社局：已完成，<font color="info">正常</font>`,
    );
    const parts = renderWecomMessage(
      { kind: "markdown", title: "周报", markdown: rows.join("\n") },
      undefined,
    );
    expect(Array.isArray(parts) && parts.length).toBeGreaterThan(1);
    const contents = (parts as Array<{ markdown: { content: string } }>).map((p) => p.markdown.content);
    for (const content of contents) expect(byteLength(content)).toBeLessThanOrEqual(2048);
    expect(contents.join("\n")).toBe(`**周报**\n${rows.join("\n")}`);
  });

  it("does not repeat a title the markdown already starts with", () => {
    const parts = renderWecomMessage(
      { kind: "markdown", title: "周报", markdown: "# 督办周报\n本周…" },
      undefined,
    );
    expect(parts).toEqual([{ msgtype: "markdown", markdown: { content: "# 督办周报\n本周…" } }]);
  });

  it("renders a card under the task_id encoded from its card id", () => {
    const parts = renderWecomMessage({ kind: "card", card }, "52/u1");
    expect(parts).toMatchObject([{ msgtype: "template_card", template_card: { task_id: "52@2Fu1" } }]);
  });

  it("names the problem when a card cannot be sent", () => {
    expect(renderWecomMessage({ kind: "card", card }, undefined)).toBe("cardIdMissing");
    expect(renderWecomMessage({ kind: "card", card }, "x".repeat(129))).toBe("cardIdTooLong");
  });

  it("refuses a text that is only whitespace, which WeCom would reject (44004)", () => {
    expect(renderWecomMessage({ kind: "text", text: " \n\t " }, undefined)).toBe("messageEmpty");
  });
});
