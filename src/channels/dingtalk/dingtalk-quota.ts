import { type Clock, inBusinessTz } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import { message } from "../../templates/template-store.js";
import type { SharedCounters } from "../channel-plugin.js";
import type { DingtalkFailure } from "./dingtalk-contracts.js";

/**
 * The organisation's monthly allowance of metered calls (robot sends, card sends and updates;
 * 5,000–10,000 a month on basic editions, 90020 / ApiCountLimitForOrg once spent; brief §6.2, §9).
 * Every metered call is counted before it is made, in the store's shared counters under one key per
 * organisation (client id) and calendar month in Asia/Shanghai, so that every instance sees one
 * count. When the count reaches DINGTALK_MONTHLY_QUOTA, or DingTalk answers 90020, metered calls
 * are no longer made until the month turns: they answer `quota-spent` with the time left, and the
 * dispatcher holds the messages (nothing is dropped). The admins hear once a month at 80%, with
 * the projection to the month's end, and once when the quota is spent. The quota is read at
 * start: a raised DINGTALK_MONTHLY_QUOTA takes effect at the restart.
 */
export interface DingtalkQuota {
  /** The quota is known to be spent this month: answered before waiting for anything. */
  spent(): DingtalkFailure | undefined;
  /** Counts one metered call about to be made; a failure when it must not be made. */
  take(): Promise<DingtalkFailure | undefined>;
  /** DingTalk answered 90020: the quota is spent whatever the count says. */
  spentByPlatform(failure: DingtalkFailure): Promise<DingtalkFailure>;
}

export interface DingtalkQuotaOptions {
  clientId: string;
  monthlyQuota: number;
  /** The store's counters; absent (not wired): counted in this process only, with a warning. */
  counters?: SharedCounters;
  clock: Clock;
  logger: Logger;
  notifyAdmins(notice: { key: string; text: string }): void;
}

/** The share of the quota at which the admins are warned. */
export const WARN_SHARE = 0.8;
/** The counter outlives its month by this much, then the store forgets it. */
const KEEP_AFTER_MONTH_MS = 7 * 86_400_000;

interface Month {
  /** "2026-03" */
  label: string;
  startMs: number;
  nextMs: number;
}

/** The calendar month of `at` in the business time zone (Asia/Shanghai), whatever the host's TZ. */
export function monthOf(at: Date): Month {
  const start = inBusinessTz(at).startOf("month");
  return {
    label: start.format("YYYY-MM"),
    startMs: start.valueOf(),
    nextMs: start.add(1, "month").valueOf(),
  };
}

export function createDingtalkQuota(options: DingtalkQuotaOptions): DingtalkQuota {
  const { clock, logger, monthlyQuota: quota, clientId } = options;
  const counters = options.counters ?? memoryCounters(clock, logger);
  let spentIn: string | undefined;
  const told = new Set<string>();

  const counterKey = (month: Month) => `dingtalk:quota:${clientId}:${month.label}`;
  const resumeAt = (month: Month) => inBusinessTz(month.nextMs).format("YYYY年M月D日");
  const spentFailure = (month: Month, now: number, code?: string): DingtalkFailure => ({
    kind: "quota-spent",
    ...(code ? { code } : {}),
    retryAfterMs: Math.max(1, month.nextMs - now),
    message: message("dingtalk", "quotaSpent", { resumeAt: resumeAt(month) }),
  });
  /** Once a month per kind of notice: the outbox also dedupes by key, across instances. */
  const tell = (kind: string, month: Month, text: () => string) => {
    const key = `dingtalk-quota-${kind}/${clientId}/${month.label}`;
    if (told.has(key)) return;
    told.add(key);
    options.notifyAdmins({ key, text: text() });
  };

  const markSpent = (month: Month, count: number, byPlatform: string | undefined) => {
    if (spentIn !== month.label)
      logger.warn("DingTalk monthly quota spent; metered calls wait for the next month", {
        month: month.label,
        count,
        quota,
        ...(byPlatform ? { code: byPlatform } : {}),
      });
    spentIn = month.label;
    const view = { count, quota, resumeAt: resumeAt(month), code: byPlatform ?? "" };
    tell("spent", month, () =>
      byPlatform
        ? message("dingtalk", "quotaSpentByPlatformNotice", view)
        : message("dingtalk", "quotaSpentNotice", view),
    );
  };

  /** The projection assumes the month goes on as it went: calls so far ÷ the share of the month gone. */
  const warnAt80 = (month: Month, count: number, now: number) =>
    tell("80", month, () => {
      const elapsed = Math.max(60_000, now - month.startMs) / (month.nextMs - month.startMs);
      const projected = Math.round(count / Math.min(1, elapsed));
      const view = { count, quota, projected, resumeAt: resumeAt(month) };
      return projected > quota
        ? message("dingtalk", "quotaWarningOver", view)
        : message("dingtalk", "quotaWarning", view);
    });

  return {
    spent() {
      const now = clock.now();
      const month = monthOf(now);
      return spentIn === month.label ? spentFailure(month, now.getTime()) : undefined;
    },
    async take() {
      const now = clock.now();
      const month = monthOf(now);
      if (spentIn === month.label) return spentFailure(month, now.getTime());
      let count: number;
      try {
        count = await counters.add(counterKey(month), 1, new Date(month.nextMs + KEEP_AFTER_MONTH_MS));
      } catch (error) {
        // The store failing must not stop the office's messages; DingTalk's own 90020 still stops them.
        logger.warn("DingTalk quota counter unavailable; this call is not counted", { error });
        return undefined;
      }
      // Another instance may have taken the last call between this one's check and its count.
      if (count > quota) {
        markSpent(month, count - 1, undefined);
        return spentFailure(month, now.getTime());
      }
      if (count >= quota) markSpent(month, count, undefined);
      else if (count >= Math.ceil(quota * WARN_SHARE)) warnAt80(month, count, now.getTime());
      return undefined;
    },
    async spentByPlatform(failure) {
      const now = clock.now();
      const month = monthOf(now);
      // Raise the shared count to the quota, so that every instance stops, not only the one told.
      let count = 0;
      try {
        count = await counters.read(counterKey(month), now);
        if (count < quota)
          await counters.add(counterKey(month), quota - count, new Date(month.nextMs + KEEP_AFTER_MONTH_MS));
      } catch (error) {
        logger.warn("DingTalk quota counter unavailable; only this process stops", { error });
      }
      markSpent(month, count, failure.code ?? "90020");
      return spentFailure(month, now.getTime(), failure.code);
    },
  };
}

/**
 * Counters in this process only, for a service whose composition root does not lend the store's:
 * with several instances each counts only its own calls, so the warning is logged once.
 */
function memoryCounters(clock: Clock, logger: Logger): SharedCounters {
  const counts = new Map<string, { total: number; expiresAtMs: number }>();
  let warned = false;
  return {
    async add(key, by, expiresAt) {
      if (!warned) {
        warned = true;
        logger.warn(
          "DingTalk monthly quota is counted per process: no shared counters were given; with several instances each counts only its own calls",
        );
      }
      const now = clock.now().getTime();
      for (const [k, v] of counts) if (v.expiresAtMs <= now) counts.delete(k);
      const total = (counts.get(key)?.total ?? 0) + by;
      counts.set(key, { total, expiresAtMs: expiresAt.getTime() });
      return total;
    },
    async read(key, now) {
      const entry = counts.get(key);
      return entry && entry.expiresAtMs > now.getTime() ? entry.total : 0;
    },
  };
}
