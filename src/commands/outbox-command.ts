import { outboxPayloadSchema } from "../delivery/outbox-payload.js";
import { inBusinessTz } from "../shared/clock.js";
import type { OutboxMessage } from "../store/outbox-message.js";
import { messages } from "../templates/template-store.js";
import type { CommandSpec } from "./command-spec.js";

const m = messages("commands");
/** How many of the latest dead letters the answer shows. */
const DEAD_SHOWN = 5;
/** A reason is cut to this many characters: the admin reads it on a phone. */
const REASON_CHARS = 60;

/**
 * /outbox (发送队列): what the outbox holds by status: waiting (and of those, held back by the
 * sending hours, a budget or a channel's pause), being sent, retrying, not delivered; and the
 * latest messages that could not be delivered, each with why. Reading only: `duban outbox retry`
 * on the server sends them again.
 */
export const outboxCommand: CommandSpec = {
  name: "outbox",
  aliases: ["发送队列", "发件箱"],
  params: [],
  roles: ["admin"],
  text: { summary: "outboxSummary", usage: "outboxUsage", example: "outboxExample" },
  async run({ turn }) {
    const { store, people } = turn.deps;
    const counts = await store.outbox.stats();
    const pending = await store.outbox.list({ status: "pending" });
    const held = pending.filter((message) => (message.deferrals ?? 0) > 0);
    const next = pending.map((message) => message.dueAt).sort()[0];
    const dead = (await store.outbox.list({ status: "dead" }))
      .sort((a, b) => b.id - a.id)
      .slice(0, DEAD_SHOWN);
    const deadLines = dead.map((message) =>
      m("outboxDeadLine", {
        id: message.id,
        to: people.byId(message.recipient)?.name ?? message.recipient,
        about: about(message),
        reason: shorten((message.lastError ?? "").replace(/\s+/g, " ")) || m("outboxNoReason"),
      }),
    );
    await turn.answer(
      m("outboxAnswer", {
        ...counts,
        held: held.length,
        next: next ? inBusinessTz(next).format("M月D日 HH:mm") : "",
        dead: counts.dead,
        shown: deadLines.length,
        deadLines,
      }),
    );
    return { result: "answered", details: { ...counts, held: held.length } };
  },
};

/** "第52项 区人社局" from the message's labels, or "" for a message about no task. */
function about(message: OutboxMessage): string {
  const payload = outboxPayloadSchema.safeParse(message.payload);
  const meta = payload.success ? payload.data.meta : undefined;
  if (meta?.task === undefined) return "";
  return m("outboxAbout", { taskNo: meta.task, unit: meta.unit ?? "" });
}

function shorten(text: string): string {
  return text.length > REASON_CHARS ? `${text.slice(0, REASON_CHARS - 1)}…` : text;
}
