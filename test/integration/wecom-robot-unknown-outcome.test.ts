import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createWecomApi } from "../../src/channels/wecom/wecom-api.js";
import { createWecomChannel } from "../../src/channels/wecom/wecom-channel.js";
import { createWecomRobot } from "../../src/channels/wecom/wecom-robot.js";
import { createDeliveryNotifier } from "../../src/delivery/create-dead-letter-notifier.js";
import type { Recipient } from "../../src/directory/recipient.js";
import { silentLogger } from "../../src/shared/logger.js";
import type { NewOutboxMessage } from "../../src/store/outbox-message.js";
import {
  ADMIN,
  MEMBERS,
  tempSqliteStore,
  testDispatcher,
  virtualClock,
} from "../fixtures/delivery/delivery-world.js";
import { APP, QYAPI, replyToken } from "../unit/channels/wecom/wecom-api-kit.js";

/**
 * Issue #11 item 2: a message whose send outcome is unknown goes again only where the platform
 * drops a copy. WeCom's message/send does (enable_duplicate_check); a group robot's webhook/send
 * does not, so a robot message that may have been posted is dead-lettered, with the admins told,
 * and never posted twice. Only WeCom's HTTP API is faked (nock); store, dispatcher and channel are real.
 */
const NOW = "2021-03-22T02:05:00.000Z"; // Monday 10:05 in Shanghai
const KEY = "leaders-robot-key-0001";
const GROUP: Recipient = {
  personId: "chat:领导群",
  name: "领导群",
  accounts: { wecom: "robot:领导群" },
  group: true,
};
const MEMBER = MEMBERS[0] as Recipient;
const everyone = new Map([GROUP, MEMBER, ADMIN].map((r) => [r.personId, r]));

afterEach(() => {
  nock.abortPendingRequests();
});

function world() {
  const clock = virtualClock(NOW);
  const temp = tempSqliteStore("duban-robot-unknown");
  const robot = createWecomRobot({
    name: "领导群",
    key: KEY,
    apiBaseUrl: QYAPI,
    clock,
    logger: silentLogger,
    timeoutMs: 100,
  });
  const api = createWecomApi({ config: APP, clock });
  const channel = createWecomChannel({ api, robots: [robot], clock, logger: silentLogger });
  const notices = createDeliveryNotifier({
    outbox: temp.store.outbox,
    admins: () => [ADMIN],
    recipients: (id) => everyone.get(id),
    clock,
    logger: silentLogger,
  });
  const dispatcher = testDispatcher(temp.store, channel, clock, {
    recipients: (id) => everyone.get(id),
    notices,
    leaseMs: 60_000,
  });
  return { clock, store: temp.store, remove: temp.remove, dispatcher };
}

function message(key: string, to: Recipient): NewOutboxMessage {
  return {
    idempotencyKey: key,
    channel: "wecom",
    recipient: to.personId,
    payload: { message: { kind: "text", text: `本周督办情况 ${key}` } },
    notBefore: NOW,
    createdAt: NOW,
  };
}

/** webhook/send, counting each post; `reply` answers it (or never does, within the robot's timeout). */
function webhook(reply: (scope: nock.Interceptor) => nock.Scope) {
  const posts: unknown[] = [];
  const scope = reply(
    nock(QYAPI)
      .post("/cgi-bin/webhook/send", (body) => {
        posts.push(body);
        return true;
      })
      .query({ key: KEY }),
  );
  return { posts, scope };
}

describe("a WeCom group robot message whose send outcome is unknown", () => {
  it("is not posted again after a timeout: dead-lettered with the reason, and the admins told once", async () => {
    const { clock, store, remove, dispatcher } = world();
    try {
      // WeCom takes longer than the robot waits: the post may have been shown in the group.
      const { posts } = webhook((post) => post.delay(1_000).reply(200, { errcode: 0, errmsg: "ok" }));
      await store.outbox.enqueue(message("digest/2021-W12/领导群", GROUP));
      await dispatcher.dispatchDue();
      expect(posts).toHaveLength(1);

      const [dead, ...others] = await store.outbox.list({ status: "dead" });
      expect(others).toEqual([]);
      expect(dead?.idempotencyKey).toBe("digest/2021-W12/领导群");
      expect(dead?.lastError).toMatch(/群机器人未答复（TimeoutError）/);
      expect(dead?.lastError).toMatch(/未自动重发/);
      // One notice, to the one admin, saying why.
      const pending = await store.outbox.list({ status: "pending" });
      expect(pending.map((m) => m.recipient)).toEqual([ADMIN.personId]);
      expect(JSON.stringify(pending[0]?.payload)).toContain("群机器人未答复");

      // Later rounds (the notice goes to the admin by message/send) never post to the group again.
      const scope = replyToken(nock(QYAPI), "token-1")
        .post("/cgi-bin/message/send", () => true)
        .query({ access_token: "token-1" })
        .reply(200, { errcode: 0, errmsg: "ok", msgid: "m1" });
      clock.advance(3_600_000);
      await dispatcher.dispatchDue();
      clock.advance(3_600_000);
      await dispatcher.dispatchDue();
      expect(scope.isDone()).toBe(true);
      expect(posts).toHaveLength(1);
      expect(await store.outbox.stats()).toMatchObject({ sent: 1, dead: 1, pending: 0, failed: 0 });
    } finally {
      await remove();
    }
  });

  it("is not posted again when the worker died mid-send, where a member's message is re-sent with WeCom's duplicate check", async () => {
    const { clock, store, remove, dispatcher } = world();
    try {
      await store.outbox.enqueue(message("digest/2021-W12/领导群", GROUP));
      await store.outbox.enqueue(message("reminder/member", MEMBER));
      // A worker claimed both, noted the sends as started, and was killed before any outcome.
      const claimed = await store.outbox.claimDue(NOW, { limit: 10, leaseMs: 60_000, worker: "doomed" });
      for (const m of claimed) await store.outbox.markSending(m.id, { at: NOW, worker: "doomed" });
      clock.advance(60_000);

      const { posts } = webhook((post) => post.reply(200, { errcode: 0, errmsg: "ok" }));
      const sends: Array<Record<string, unknown>> = [];
      replyToken(nock(QYAPI), "token-1")
        .post("/cgi-bin/message/send", (body) => {
          sends.push(body);
          return true;
        })
        .query({ access_token: "token-1" })
        .times(2)
        .reply(200, { errcode: 0, errmsg: "ok", msgid: "m1" });
      await dispatcher.dispatchDue();

      expect(posts).toEqual([]);
      const dead = await store.outbox.list({ status: "dead" });
      expect(dead.map((m) => m.idempotencyKey)).toEqual(["digest/2021-W12/领导群"]);
      expect(dead[0]?.lastError).toMatch(/未能确认对方是否已收到/);
      // The member's message went again, asking WeCom to drop it if it arrived before the kill.
      const toMember = sends.find((body) => body.touser === "c1");
      expect(toMember).toMatchObject({ enable_duplicate_check: 1 });
      expect(await store.outbox.list({ status: "sent" })).toEqual([
        expect.objectContaining({ idempotencyKey: "reminder/member" }),
      ]);
    } finally {
      await remove();
    }
  });

  it("is retried when the robot could not even connect: nothing can have been posted", async () => {
    const { clock, store, remove, dispatcher } = world();
    try {
      const refused = webhook((post) =>
        post.replyWithError({ code: "ECONNREFUSED", message: "connect ECONNREFUSED" }),
      );
      await store.outbox.enqueue(message("digest/2021-W12/领导群", GROUP));
      await dispatcher.dispatchDue();
      expect(refused.posts).toHaveLength(1);
      expect(await store.outbox.stats()).toMatchObject({ failed: 1, dead: 0 });

      const ok = webhook((post) => post.reply(200, { errcode: 0, errmsg: "ok" }));
      clock.advance(3_600_000);
      await dispatcher.dispatchDue();
      expect(ok.posts).toHaveLength(1);
      expect(await store.outbox.stats()).toMatchObject({ sent: 1, failed: 0, dead: 0 });
    } finally {
      await remove();
    }
  });
});
