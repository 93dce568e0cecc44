import type { Clock } from "../shared/clock.js";

/**
 * The clock `duban serve` runs on when DUBAN_CLOCK is set: it starts at a chosen instant and runs
 * `speed` times faster than the wall clock, so a month of reminders can be watched in minutes. The
 * whole service reads this one clock (scheduler, sweep, dispatcher, inbound, /dev routes), so
 * nothing sees the wall clock behind its back. `skipTo` jumps ahead (nights and days off when
 * nothing is due); time never runs backwards.
 */
export interface DemoClock extends Clock {
  readonly speed: number;
  /** Moves the clock forward to `at`; an instant in the past is ignored. */
  skipTo(at: Date): void;
}

export function createDemoClock(options: {
  start: Date;
  speed: number;
  /** The wall clock the demo clock runs on; injected by tests. */
  wall?: () => number;
}): DemoClock {
  const wall = options.wall ?? (() => Date.now());
  const speed = options.speed;
  const wallStart = wall();
  let offsetMs = 0;
  const nowMs = () => options.start.getTime() + (wall() - wallStart) * speed + offsetMs;
  return {
    speed,
    now: () => new Date(nowMs()),
    skipTo: (at) => {
      const ahead = at.getTime() - nowMs();
      if (ahead > 0) offsetMs += ahead;
    },
  };
}

/**
 * Reads DUBAN_CLOCK: `2021-03-22T08:20+08:00`, with seconds or not, `Z` or an offset; without an
 * offset the time is read in Asia/Shanghai, as people there write it. Undefined if unreadable.
 */
export function parseDemoInstant(text: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    text.trim(),
  );
  if (!match) return undefined;
  const [, date, time = "00:00", seconds = ":00", zone = "+08:00"] = match;
  const at = new Date(`${date}T${time}${seconds}${zone}`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
