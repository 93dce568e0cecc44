import type { LocalChannel } from "../channels/local/local-channel.js";
import { base64Bytes } from "../channels/message.js";
import { outboxPayloadSchema } from "../delivery/outbox-payload.js";
import type { PeopleIndex } from "../directory/people.js";
import type { Store } from "../store/store.js";
import { type ShownMessage, show } from "./chat-view.js";

/** The side panels: what waits in the outbox, what the local channel sent, the audit log. */
export interface Feed {
  waiting: { count: number; next: { at: string; to: string; name: string; message?: ShownMessage }[] };
  sent: { n: number; at: string; to: string; name: string; message: ShownMessage; update?: true }[];
  audit: {
    seq: number;
    at: string;
    actor: string;
    actorName?: string;
    action: string;
    taskNo?: number;
    unit?: string;
  }[];
}

const WAITING_SHOWN = 20;
const SENT_SHOWN = 40;
const AUDIT_SHOWN = 60;

export async function feedOf(
  store: Store,
  channel: Pick<LocalChannel, "sent">,
  people: PeopleIndex,
): Promise<Feed> {
  const nameOf = (id: string) => people.byId(id)?.name ?? people.chat(id)?.name ?? id;
  const [stats, pending, failed, audit] = await Promise.all([
    store.outbox.stats(),
    store.outbox.list({ status: "pending", limit: WAITING_SHOWN }),
    store.outbox.list({ status: "failed", limit: WAITING_SHOWN }),
    store.audit.query({ order: "desc", limit: AUDIT_SHOWN }),
  ]);
  const next = [...pending, ...failed]
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
    .slice(0, WAITING_SHOWN)
    .map((m) => {
      const message = waitingMessage(m.payload);
      return { at: m.dueAt, to: m.recipient, name: nameOf(m.recipient), ...(message ? { message } : {}) };
    });
  return {
    waiting: { count: stats.pending + stats.failed + stats.claimed, next },
    sent: channel
      .sent()
      .slice(-SENT_SHOWN)
      .reverse()
      .map((s) => ({
        n: s.n,
        at: s.at,
        to: s.to,
        name: s.name,
        message: show(s),
        ...(s.update ? { update: true as const } : {}),
      })),
    audit: audit.map((e) => ({
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      ...(people.byId(e.actor) ? { actorName: nameOf(e.actor) } : {}),
      action: e.action,
      ...(e.taskNo !== undefined ? { taskNo: e.taskNo } : {}),
      ...(e.unit !== undefined ? { unit: e.unit } : {}),
    })),
  };
}

/** A queued message as the panel shows it (an image or a file by its name and size); else undefined. */
function waitingMessage(payload: unknown): ShownMessage | undefined {
  const parsed = outboxPayloadSchema.safeParse(payload);
  if (!parsed.success) return undefined;
  const { message } = parsed.data;
  if (message.kind !== "image" && message.kind !== "file") return message;
  return { kind: message.kind, fileName: message.fileName, bytes: base64Bytes(message.base64), download: "" };
}
