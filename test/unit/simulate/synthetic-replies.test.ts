import { describe, expect, it } from "vitest";
import type { InboundEvent } from "../../../src/channels/channel.js";
import type { LocalSentMessage } from "../../../src/channels/local/local-channel.js";
import { normalizeReply } from "../../../src/progress/normalize-reply.js";
import { parseProgressReply } from "../../../src/progress/parse-progress-reply.js";
import { readTaskNumber } from "../../../src/progress/read-task-number.js";
import { createSyntheticReplies } from "../../../src/simulate/synthetic-replies.js";

describe("synthetic replies", () => {
  it("are reports the parser records on a task with indicators, so that they stop the ladder", async () => {
    const received: InboundEvent[] = [];
    const receive = async (event: InboundEvent) => void received.push(event);
    const replies = createSyntheticReplies({ receive, replyRate: 1, random: () => 0 });
    const card = {
      n: 1,
      to: "local:u06",
      name: "徐勇",
      message: { kind: "card", card: { title: "第52项进展报送", fields: [], buttons: [] } },
      idempotencyKey: "52/区人力资源和社会保障局/2021-03/first/local:u06",
      platformMessageId: "local-1",
      at: "2021-03-22T01:00:00.000Z",
    } as unknown as LocalSentMessage;
    replies.observe([card]);
    await replies.deliverDue(new Date("2021-03-30T00:00:00Z"));
    const [event] = received;
    if (event?.kind !== "text") throw new Error("no synthetic text reply");
    const { taskNo, rest } = readTaskNumber(normalizeReply(event.text));
    expect(taskNo).toBe(52);
    const indicators = [
      { text: "年内城镇新增就业6000人", value: 6000, unit: "人", bound: "min" as const },
      { text: "城镇登记失业率控制在3%以内", value: 3, unit: "%", bound: "max" as const },
    ];
    expect(parseProgressReply(rest, indicators)).toMatchObject({ kind: "report", percent: 50 });
  });
});
