import type { FakeWecomSend } from "../../test/helpers/fake-wecom-server.js";
import { clickCallback, type SealedCallback, textCallback } from "./soak-callbacks.js";

/** What the soak posted, by kind, and how the service answered. */
export interface TrafficLog {
  /** Each new callback, by event id: its kind, and whether it was acknowledged (200) in the end. */
  callbacks: Map<string, { kind: Kind; user: string; acknowledged: boolean }>;
  /** Deliveries of a callback already acknowledged once (WeCom's retries, replays), acknowledged. */
  duplicates: number;
  /** Answers other than 200 (each retried, as WeCom does, up to three times). */
  refused: number;
  byKind: Record<Kind, number>;
}

export type Kind = "report" | "ack" | "plain" | "stranger";

/** Of every 100 new callbacks; replays and doubled deliveries come on top. */
const MIX: ReadonlyArray<[Kind, number]> = [
  ["report", 35],
  ["ack", 25],
  ["plain", 20],
  ["stranger", 20],
];
/** Per new callback: the chance an earlier one is delivered again now, and that it is delivered twice at once. */
const REPLAY_SHARE = 0.1;
const DOUBLE_SHARE = 0.05;

/** The kind whose share of MIX `roll` (0–100) falls in. */
function pickKind(roll: number): Kind {
  let below = 0;
  for (const [kind, share] of MIX) {
    below += share;
    if (roll < below) return kind;
  }
  return "plain";
}

const CONTACTS = Array.from({ length: 66 }, (_, i) => `demo.u${String(i + 1).padStart(2, "0")}.contact`);

export interface TrafficDeps {
  base: string;
  /** What the fake WeCom API has been sent: the cards people could click and report on. */
  sends: readonly FakeWecomSend[];
  /** The service's clock: a callback's CreateTime is a demo minute before it. */
  demoNow(): Date;
  random?: () => number;
}

/** A card with a 签收 button that WeCom showed someone. */
interface SeenCard {
  touser: string;
  taskId: string;
  taskNo: string;
}

/**
 * Mixed callbacks at a steady rate: reports with a number on a task the person was reminded of,
 * 签收 clicks on the cards the fake WeCom API saw, texts without a task number, strangers; and
 * deliveries again of earlier callbacks (WeCom's retries, replays), some at the same moment.
 */
export function createTraffic(deps: TrafficDeps) {
  const random = deps.random ?? Math.random;
  const log: TrafficLog = {
    callbacks: new Map(),
    duplicates: 0,
    refused: 0,
    byKind: { report: 0, ack: 0, plain: 0, stranger: 0 },
  };
  const acknowledged: SealedCallback[] = [];
  const cards: SeenCard[] = [];
  let cardsRead = 0;
  let serial = 0;
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];

  const readCards = () => {
    for (; cardsRead < deps.sends.length; cardsRead++) {
      const send = deps.sends[cardsRead];
      const card = send?.body.template_card as
        | { task_id?: string; main_title?: { title?: string }; button_list?: { key?: string }[] }
        | undefined;
      const taskNo = /第(\d+)项/.exec(card?.main_title?.title ?? "")?.[1];
      if (!send || !card?.task_id || !taskNo || !card.button_list?.some((b) => b.key === "ack")) continue;
      cards.push({ touser: send.touser, taskId: card.task_id, taskNo });
    }
  };

  const post = async (callback: SealedCallback): Promise<boolean> => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        const response = await fetch(`${deps.base}${callback.path}`, {
          method: "POST",
          headers: { "content-type": "text/xml" },
          body: callback.body,
        });
        await response.text();
        if (response.status === 200) return true;
      } catch {
        // refused at the connection: retried like an answer other than 200
      }
      log.refused += 1;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
    return false;
  };

  const build = (kind: Kind, createTimeS: number): { callback: SealedCallback; user: string } => {
    const n = ++serial;
    const msgId = String(9_000_000_000 + n);
    const card = kind === "report" || kind === "ack" ? pick(cards) : undefined;
    if (kind === "report" && card) {
      const text = `${card.taskNo} 本月已完成年度目标的${(n % 90) + 5}%，新增项目${n % 7}个`;
      return { callback: textCallback(card.touser, msgId, text, createTimeS), user: card.touser };
    }
    if (kind === "ack" && card) {
      const code = `soak-response-${n}`;
      return {
        callback: clickCallback(card.touser, card.taskId, "ack", code, createTimeS),
        user: card.touser,
      };
    }
    if (kind === "stranger") {
      const user = `soak.stranger${String(n).padStart(6, "0")}`;
      return { callback: textCallback(user, msgId, "你好，请问怎么报送进展？", createTimeS), user };
    }
    const user = pick(CONTACTS) ?? "demo.u01.contact";
    return { callback: textCallback(user, msgId, "请问本月进展怎么报？", createTimeS), user };
  };

  return {
    log,
    /** Posts one new callback (sometimes twice at once) and, now and then, an earlier one again. */
    async tick(): Promise<void> {
      readCards();
      const kind = pickKind(random() * 100);
      const createTimeS = Math.floor((deps.demoNow().getTime() - 60_000) / 1000);
      const { callback, user } = build(kind, createTimeS);
      const actual: Kind = kind === "report" || kind === "ack" ? (cards.length > 0 ? kind : "plain") : kind;
      log.byKind[actual] += 1;
      const twice = random() < DOUBLE_SHARE;
      const answers = await Promise.all(twice ? [post(callback), post(callback)] : [post(callback)]);
      const ok = answers.some(Boolean);
      log.callbacks.set(callback.eventId, { kind: actual, user, acknowledged: ok });
      if (ok) {
        log.duplicates += answers.filter(Boolean).length - 1;
        acknowledged.push(callback);
      }
      if (random() < REPLAY_SHARE) {
        const earlier = pick(acknowledged);
        if (earlier && (await post(earlier))) log.duplicates += 1;
      }
    },
  };
}
