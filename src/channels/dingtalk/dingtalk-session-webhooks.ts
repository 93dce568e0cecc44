import type { Clock } from "../../shared/clock.js";
import type { SessionWebhook, SessionWebhooks } from "./dingtalk-contracts.js";
import { describeNetworkError, exchangeDingtalk } from "./dingtalk-request.js";

export interface SessionWebhookStoreOptions {
  clock: Clock;
  /** People whose webhook is kept; past it, expired ones go first, then the least recently heard. */
  maxEntries?: number;
  /** A webhook this close to its expiry is no longer used: the reply could arrive after it. */
  marginMs?: number;
}

/** Sized for an office's people: each entry is a URL and two numbers. */
const DEFAULT_MAX_ENTRIES = 10_000;
export const WEBHOOK_MARGIN_MS = 60_000;

/**
 * The latest 1:1 session webhook of each person, in this process (a webhook arrives with the
 * person's message on whichever instance received it, and lives about 90 minutes: on another
 * instance the robot API serves instead). Only 1:1 webhooks are kept: a group's webhook posts into
 * the group, and Duban's messages to a person (a reminder, a reply with their task's details) must
 * not land in a group because the person last spoke to the robot there.
 */
export function createSessionWebhooks(
  options: SessionWebhookStoreOptions,
): Required<SessionWebhooks> & { readonly size: number } {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const marginMs = options.marginMs ?? WEBHOOK_MARGIN_MS;
  const entries = new Map<string, SessionWebhook>();

  const prune = () => {
    const now = options.clock.now().getTime();
    for (const [userId, webhook] of entries) if (webhook.expiresAtMs <= now) entries.delete(userId);
    for (const userId of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(userId);
    }
  };

  return {
    remember(userId, webhook) {
      if (webhook.conversationType !== "1" || !isWebUrl(webhook.url)) return;
      if (!Number.isFinite(webhook.expiresAtMs)) return;
      // Re-inserted, so that the Map's order is the order people were last heard from.
      entries.delete(userId);
      entries.set(userId, { ...webhook });
      if (entries.size > maxEntries) prune();
    },
    valid(userId, nowMs) {
      const webhook = entries.get(userId);
      if (!webhook) return undefined;
      if (webhook.expiresAtMs <= nowMs) entries.delete(userId);
      return webhook.expiresAtMs - marginMs > nowMs ? webhook : undefined;
    },
    forget(userId, url) {
      if (entries.get(userId)?.url === url) entries.delete(userId);
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * Posts one message to a session webhook: no token (the URL carries its session), and no metered
 * call of Duban's count. The brief reports (§6.2, field reports from 2026) that DingTalk meters
 * Webhook/Stream channel usage too, which the official quota page does not confirm; should it be
 * so, DingTalk's own 90020 still stops the robot API, and the count here undercounts replies.
 * Answers undefined when DingTalk took it (`{"errcode":0}`), else a short reason for the log: the
 * URL is never part of it (its session id is a credential).
 */
export async function postToSessionWebhook(
  url: string,
  body: unknown,
  deps: { fetch: typeof fetch; timeoutMs: number },
): Promise<string | undefined> {
  let exchange: Awaited<ReturnType<typeof exchangeDingtalk>>;
  try {
    exchange = await exchangeDingtalk({
      method: "POST",
      url,
      body,
      fetch: deps.fetch,
      timeoutMs: deps.timeoutMs,
    });
  } catch (error) {
    return describeNetworkError(error);
  }
  if (exchange.kind === "unreachable") return exchange.detail;
  if (exchange.status < 200 || exchange.status >= 300) return `HTTP ${exchange.status}`;
  if (exchange.json === undefined) return "the answer is not JSON";
  const errcode = exchange.json.errcode;
  return errcode === 0 || errcode === "0" ? undefined : `errcode ${String(errcode ?? "absent")}`;
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
