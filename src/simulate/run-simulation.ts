import type { AppConfig } from "../config/app-config.js";
import { createScheduler } from "../scheduler/create-scheduler.js";
import { type CronMatcher, cronMatcher } from "../scheduler/cron-matcher.js";
import { createServices } from "../services.js";
import { BUSINESS_OFFSET_MS } from "../shared/clock.js";
import { InputError } from "../shared/errors.js";
import type { Logger } from "../shared/logger.js";
import { SqliteStore } from "../store/sqlite/sqlite-store.js";
import type { Store } from "../store/store.js";
import { seededRandom } from "./seeded-random.js";
import { type SimulationTotals, summarizeSimulation } from "./summarize-simulation.js";
import { createSyntheticReplies } from "./synthetic-replies.js";
import { createVirtualClock } from "./virtual-clock.js";

export interface SimulationInput {
  config: AppConfig;
  /** Where the registry comes from; nothing is written to it. */
  source: Store;
  from: string;
  to: string;
  replyRate: number;
  seed: number;
  logger: Logger;
}

const MINUTE = 60_000;

/**
 * Runs the real services (scheduler, sweep, outbox, dispatcher, local channel) on a virtual
 * clock over [from, to], on a scratch copy of the registry, with synthetic replies. Time jumps
 * from one event to the next: a cron tick, a reply due, or a message due in the outbox.
 */
export async function runSimulation(input: SimulationInput): Promise<SimulationTotals> {
  const current = await input.source.registry.current();
  if (!current) throw new InputError("no registry to simulate. Fix: run `duban import <notice>` first.");
  const start = new Date(`${input.from}T00:00:00+08:00`);
  const end = new Date(`${input.to}T23:59:00+08:00`);
  const clock = createVirtualClock(start);
  // In memory: the same SQLite store, without a write to disk for each of the year's commits.
  const store = new SqliteStore({ path: ":memory:", clock });
  try {
    await store.registry.save(current);
    const services = await createServices({
      config: input.config,
      logger: input.logger,
      clock,
      env: {},
      store,
      charts: false,
    });
    const local = services.local;
    if (!local) throw new Error("the simulation needs the local channel");
    const ticks: { matches: CronMatcher; run: () => Promise<void> }[] = [];
    const scheduler = createScheduler({
      jobs: services.jobs,
      store,
      clock,
      logger: input.logger,
      schedule: (expression, run) => {
        ticks.push({ matches: cronMatcher(expression), run });
        return { start: () => {}, stop: () => {} };
      },
    });
    await scheduler.start();
    const firing = firingMinutes(ticks);
    const replies = createSyntheticReplies({
      receive: (event) => services.inbox.receive(event),
      replyRate: input.replyRate,
      random: seededRandom(input.seed),
    });
    let seen = 0;
    let nextDue = await nextOutboxDue(store);
    for (let t = start.getTime(); t <= end.getTime(); ) {
      const at = new Date(t);
      clock.set(at);
      let dispatched = false;
      // One commit per minute visited instead of one per write: the store is this loop's alone,
      // and a sweep or a digest writes an outbox row, a card and audit entries per message.
      await store.inOneTransaction(async () => {
        let wrote = false;
        for (const tick of ticks)
          if (tick.matches(at)) {
            await tick.run();
            wrote = true;
          }
        const answered = replies.replies();
        await replies.deliverDue(at);
        // Only the jobs and the replies write to the outbox: when neither ran, what was next due
        // after the last minute visited still is.
        if (wrote || replies.replies() !== answered) nextDue = await nextOutboxDue(store);
        // A round with nothing due claims nothing and changes nothing; most minutes the loop
        // visits are cron ticks and replies.
        if (nextDue <= t) {
          await services.dispatcher.dispatchDue();
          dispatched = true;
        }
      });
      // Only the dispatcher sends: after a minute without a round there is nothing new to look
      // at (a closed card's update has no key, and observe passes over it). Only what the round
      // sent is copied, not every message of the year so far.
      if (dispatched) {
        const sent = local.sent({ after: seen });
        replies.observe(sent);
        seen += sent.length;
      }
      nextDue = await nextOutboxDue(store);
      t = nextEvent(t + MINUTE, end.getTime(), ticks, firing, Math.min(replies.nextAt(), nextDue));
    }
    await scheduler.stop();
    return await summarizeSimulation({ store, local, replies: replies.replies() });
  } finally {
    await store.close();
  }
}

/** When the outbox next has something to send (epoch ms), or Infinity. */
async function nextOutboxDue(store: Store): Promise<number> {
  const next = await store.outbox.nextDueAt();
  return next === undefined ? Number.POSITIVE_INFINITY : Date.parse(next);
}

const MINUTES_PER_DAY = 24 * 60;
const DAY = MINUTES_PER_DAY * MINUTE;

/** The minutes of the Beijing day (hour × 60 + minute) at which some tick may fire, in order. */
function firingMinutes(ticks: { matches: CronMatcher }[]): number[] {
  return [...new Set(ticks.flatMap((tick) => [...tick.matches.minutesOfDay]))].sort((a, b) => a - b);
}

/** The next minute at which a cron tick fires or a reply is due (or a day later, at most). */
function nextEvent(
  from: number,
  end: number,
  ticks: { matches: CronMatcher }[],
  firing: readonly number[],
  replyAt: number,
): number {
  const limit = Math.min(end + MINUTE, from + DAY, replyAt);
  const [first] = firing;
  // Only the minutes of the day some tick names are tried as dates, each reached by one jump: the
  // loop looks for the next event after each event of the year.
  for (let t = from; first !== undefined && t < limit; t += MINUTE) {
    const minute = Math.floor(((t + BUSINESS_OFFSET_MS) % DAY) / MINUTE);
    const next = firing.find((m) => m >= minute) ?? first + MINUTES_PER_DAY;
    t += (next - minute) * MINUTE;
    if (t >= limit) break;
    const at = new Date(t);
    if (ticks.some((tick) => tick.matches(at))) return t;
  }
  return Math.max(from, Math.ceil(limit / MINUTE) * MINUTE);
}
