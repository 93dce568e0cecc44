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
