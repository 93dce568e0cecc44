import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedCardLabel } from "../../src/cards/card-actions.js";
import type { Channel } from "../../src/channels/channel.js";
import { createLocalChannel } from "../../src/channels/local/local-channel.js";
import type { CardUpdate, OutboundMessage } from "../../src/channels/message.js";
import { createWecomApi } from "../../src/channels/wecom/wecom-api.js";
import { createWecomChannel } from "../../src/channels/wecom/wecom-channel.js";
import { wecomHint } from "../../src/channels/wecom/wecom-error-hints.js";
import { outboxPayloadSchema } from "../../src/delivery/outbox-payload.js";
import type { Recipient } from "../../src/directory/recipient.js";
import { fixedClock } from "../../src/shared/clock.js";
import { silentLogger } from "../../src/shared/logger.js";
import { message } from "../../src/templates/template-store.js";
import { PEOPLE, type ProgressApp, startProgressApp } from "../helpers/progress-app.js";

/**
 * Issue #9: every neutral message the core produces must be sendable on every channel. The
 * messages come from the real features (the sweep over the seed notice on every ladder step,
 * clicks and replies through the real app, the workflow's decision cards, the admins' notices),
 * so a new kind of message or a changed template is covered without touching this file. Each is
 * then sent through each channel below, with its own rendering and validation.
 */

const CLOCK = fixedClock(new Date("2021-03-22T04:00:00Z"));
const RECIPIENT: Recipient = {
  personId: "p-contract",
  name: "张三",
  accounts: { wecom: "zhangsan", dingtalk: "zhangsan" },
};

/**
 * One channel as the contract sees it, opened afresh for each test (the platform's HTTP API faked
 * with nock, which the test setup clears after each test); DingTalk is one more entry.
 */
interface ChannelUnderTest {
  name: string;
  open(): Channel;
}

const WECOM = {
  corpId: "wwcorp0001",
  agentId: 1000002,
  secret: "app-secret-0123456789abcdef",
  apiBaseUrl: "https://qyapi.weixin.qq.com",
};

const CHANNELS: ChannelUnderTest[] = [
  { name: "local", open: () => createLocalChannel({ clock: CLOCK, logger: silentLogger }) },
  {
    name: "wecom",
    open: () => {
      // WeCom accepts whatever reaches it: what is under test is what the channel lets through.
      nock(WECOM.apiBaseUrl)
        .persist()
        .get("/cgi-bin/gettoken")
        .query(true)
        .reply(200, { errcode: 0, errmsg: "ok", access_token: "accesstoken000001", expires_in: 7200 })
        .post(/^\/cgi-bin\/message\/(send|update_template_card)$/)
        .query(true)
        .reply(200, { errcode: 0, errmsg: "ok", msgid: "msg", response_code: "rc" })
        // Images and files (the bulletin's and digests' charts, the ledger) are uploaded first.
        .post("/cgi-bin/media/upload")
        .query(true)
        .reply(200, {
          errcode: 0,
          errmsg: "ok",
          type: "image",
          media_id: "media0001",
          created_at: "1616371200",
        });
      return createWecomChannel({
        api: createWecomApi({ config: WECOM, clock: CLOCK }),
        clock: CLOCK,
        logger: silentLogger,
      });
    },
  },
];

interface Produced {
  what: string;
  message: OutboundMessage;
  cardId?: string;
  meta: Record<string, unknown>;
}

interface Closed {
  cardId: string;
  update: CardUpdate;
}

/** Everything the core put in the outbox while the scenario ran, and every card it closed. */
const corpus: { produced: Produced[]; closed: Closed[] } = { produced: [], closed: [] };
let app: ProgressApp | undefined;

/**
 * March 2021 on the seed notice: every step of the ladder, every button of the reminder and
 * decision cards clicked (with a platform update code, so each card is closed), confirmations,
 * questions, refusals, decisions, a dead letter, a calendar warning.
 */
async function runScenario(): Promise<ProgressApp> {
  const a = await startProgressApp("2021-03-18T01:00:00Z"); // T-5: co-requests
  app = a;
  let code = 0;
  const click = async (from: string, cardOf: string, title: string, key: string) =>
    a.click(from, await a.cardId(cardOf, title), key, undefined, `rc-${++code}`);
  await a.sweep("2021-03-18T04:00:00Z");
  a.clock.set("2021-03-22T01:00:00Z"); // T-3: first reminders
  await a.sweep("2021-03-22T04:00:00Z");
  await click(PEOPLE.hrContact, PEOPLE.hrContact, "第52项", "ack");
  await a.say(PEOPLE.hrContact, "52 已新增就业4200人，失业率2.9%");
  await click(PEOPLE.hrContact, PEOPLE.hrContact, "第53项", "report");
  await a.say(PEOPLE.hrContact, "53 社保扩面稳步推进");
  await click(PEOPLE.hrContact, PEOPLE.hrContact, "第53项", "difficulty");
  await a.say(PEOPLE.hrContact, "参保扩面进度偏慢");
  await click(PEOPLE.hrContact, PEOPLE.hrContact, "第52项", "on-track");
  await a.say(PEOPLE.hrContact, "99 已完成");
  await a.say(PEOPLE.hrContact, "你好");
  await a.say("wecom:somebody.else", "52 已新增就业4200人");
  await a.say(PEOPLE.veteransContact, "52 本月安置退役军人就业120人");
  await click(PEOPLE.hrContact, PEOPLE.hrContact, "第52项", "extend");
  await a.say(PEOPLE.hrContact, "2021年6月30日 招聘活动延后举办"); // earlier than the deadline: refused
  await a.say(PEOPLE.hrContact, "2022年1月31日 招聘活动延后举办");
  await click(PEOPLE.admin1, PEOPLE.admin1, "延期申请｜第52项", "reject");
  await click(PEOPLE.hrContact, PEOPLE.hrContact, "第52项", "complete");
  await click(PEOPLE.financeContact, PEOPLE.admin1, "办结申请｜第52项", "approve");
  await click(PEOPLE.admin1, PEOPLE.admin1, "办结申请｜第52项", "return");
  await a.say(PEOPLE.admin1, "请补充社保基金运行监测报告");
  await click(PEOPLE.hrContact, PEOPLE.hrContact, "第53项", "complete");
  await click(PEOPLE.admin2, PEOPLE.admin2, "办结申请｜第53项", "approve");
  await click(PEOPLE.admin1, PEOPLE.admin1, "办结申请｜第53项", "approve");
  // 袁军 acknowledges one of his tasks and does not report: his next card offers 明天再提醒.
  await click(PEOPLE.financeContact, PEOPLE.financeContact, "第", "ack");
  a.clock.set("2021-03-25T01:00:00Z");
  await a.sweep("2021-03-25T04:00:00Z"); // T0: due
  await click(PEOPLE.financeContact, PEOPLE.financeContact, "第", "snooze");
  // A message that dies: the admins get a dead-letter notice.
  a.app.services.local?.failFor(PEOPLE.admin2, "permanent-error", { times: 1 });
  for (const [sweepAt, sendAt] of [
    ["2021-03-26T01:00:00Z", "2021-03-26T04:00:00Z"], // T+1: overdue, the heads' digest
    ["2021-03-30T01:00:00Z", "2021-03-30T04:00:00Z"], // T+3: escalation digests
  ] as const) {
    a.clock.set(sweepAt);
    await a.sweep(sendAt);
  }
  // The calendar has no arrangement for 2035: the admins are told.
  await a.app.services.jobs
    .find((job) => job.name === "calendar-warnings")
    ?.run(new Date("2035-12-03T00:05:00Z"));
  // The first working day after the first quarter: the bulletin's summary to the admins.
  await a.app.services.jobs
    .find((job) => job.name === "bulletin-summary")
    ?.run(new Date("2021-04-01T01:30:00Z"));
  return a;
}

beforeAll(async () => {
  const a = await runScenario();
  for (const row of await a.store.outbox.list()) {
    const payload = outboxPayloadSchema.parse(row.payload);
    corpus.produced.push({
      what: `${row.idempotencyKey} (${payload.message.kind})`,
      message: payload.message,
      ...(payload.cardId ? { cardId: payload.cardId } : {}),
      meta: payload.meta ?? {},
    });
  }
  // The group-robot notice is built where the WeCom services are wired (services.ts), from these.
  corpus.produced.push({
    what: "robot-invalid notice",
    message: {
      kind: "text",
      text: message("wecom", "robotKeyInvalidNotice", { robot: "督办群", hint: wecomHint(93000) ?? "" }),
    },
    meta: { kind: "robot-invalid-notice" },
  });
  for (const sent of a.app.services.local?.sent() ?? []) {
    if (sent.update && sent.cardId && sent.closedWith)
      corpus.closed.push({ cardId: sent.cardId, update: { kind: "close", label: sent.closedWith } });
    else if (sent.update && sent.cardId && sent.message.kind === "card")
      corpus.closed.push({ cardId: sent.cardId, update: { kind: "replace", card: sent.message.card } });
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  nock.cleanAll();
});

describe("the messages the core produces", () => {
  it("cover every ladder step as card and digest, answers, decisions, their notices and admin notices", () => {
    const steps = (form: OutboundMessage["kind"]) =>
      new Set(corpus.produced.filter((p) => p.message.kind === form).map((p) => p.meta.step));
    expect([...steps("card")]).toEqual(expect.arrayContaining(["first", "due", "overdue"]));
    expect([...steps("text")]).toEqual(expect.arrayContaining(["co-request", "overdue", "escalation"]));
    const kinds = new Set(corpus.produced.map((p) => p.meta.kind));
    for (const kind of [
      "answer",
      "decision",
      "decision-notice",
      "dead-letter-notice",
      "robot-invalid-notice",
      "bulletin-summary",
    ])
      expect(kinds, kind).toContain(kind);
    expect(corpus.produced.filter((p) => p.what.startsWith("calendar/"))).not.toEqual([]);
  });

  it("close every clicked card with a label: every button of every card has one", () => {
    const keys = new Set(
      corpus.produced.flatMap((p) =>
        p.message.kind === "card" ? p.message.card.buttons.map((b) => b.key) : [],
      ),
    );
    expect(keys.size).toBeGreaterThanOrEqual(10);
    expect([...keys].filter((key) => closedCardLabel(key) === undefined)).toEqual([]);
    expect(corpus.closed.length).toBeGreaterThanOrEqual(10);
  });
});

describe.each(CHANNELS)("the $name channel", (entry) => {
  it("sends every message the core produces", async () => {
    const channel = entry.open();
    const refused: string[] = [];
    let n = 0;
    for (const produced of corpus.produced) {
      const results = await channel.send({
        idempotencyKey: `contract/${entry.name}/${++n}`,
        recipients: [RECIPIENT],
        message: produced.message,
        ...(produced.cardId ? { cardId: produced.cardId } : {}),
      });
      const result = results.get(RECIPIENT.personId);
      if (result?.status !== "sent") refused.push(`${produced.what}: ${JSON.stringify(result)}`);
    }
    expect(refused).toEqual([]);
  }, 120_000);

  it("applies every card update the core makes after a click", async () => {
    const channel = entry.open();
    const refused: string[] = [];
    for (const closed of corpus.closed) {
      const result = await channel.updateCard?.({
        ...closed,
        recipient: RECIPIENT,
        updateToken: "rc-click",
      });
      if (result?.status !== "sent") refused.push(`${JSON.stringify(closed)}: ${JSON.stringify(result)}`);
    }
    expect(refused).toEqual([]);
  });

  it("closes a card with the label of every button the core's cards carry", async () => {
    const keys = new Set(
      corpus.produced.flatMap((p) =>
        p.message.kind === "card" ? p.message.card.buttons.map((b) => b.key) : [],
      ),
    );
    const channel = entry.open();
    const refused: string[] = [];
    for (const key of keys) {
      const label = closedCardLabel(key) ?? "";
      const result = await channel.updateCard?.({
        cardId: "duban-0123456789abcdef0123456789abcdef01234567",
        recipient: RECIPIENT,
        update: { kind: "close", label },
        updateToken: "rc-click",
      });
      if (result?.status !== "sent") refused.push(`${key} → ${label}: ${JSON.stringify(result)}`);
    }
    expect(refused).toEqual([]);
  });
});
