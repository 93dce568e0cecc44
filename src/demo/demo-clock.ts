import type { Clock } from "../shared/clock.js";

/**
 * The clock `duban serve` runs on when DUBAN_CLOCK is set, and the playground's clock: it starts at
 * a chosen instant and runs `speed` times faster than the wall clock, so a month of reminders can
 * be watched in minutes. The whole service reads this one clock (scheduler, sweep, dispatcher,
 * inbound, /dev routes), so nothing sees the wall clock behind its back. `skipTo` jumps ahead
 * (nights and days off when nothing is due); only `restartAt` moves it back, and only the
 * playground's seed loader calls it, before any task exists.
 */
export interface DemoClock extends Clock {
  /** How many times faster than the wall clock it runs now; 0 while paused. */
  readonly speed: number;
  /** Moves the clock forward to `at`; an instant in the past is ignored. */
  skipTo(at: Date): void;
  /** Runs on at `speed` from the current instant (0 pauses the clock). */
  setSpeed(speed: number): void;
  /**
   * Sets the clock to `at`, earlier or later. Time running backwards confuses whatever has
   * recorded an instant (leases, due times), so this is for a store with nothing in it yet.
   */
  restartAt(at: Date): void;
}

export function createDemoClock(options: {
  start: Date;
  speed: number;
  /** The wall clock the demo clock runs on; injected by tests. */
  wall?: () => number;
}): DemoClock {
  const wall = options.wall ?? (() => Date.now());
  // The clock reads base + (wall − wallBase) × speed; every change of speed or instant re-bases it.
  let base = options.start.getTime();
  let wallBase = wall();
  let speed = options.speed;
  const nowMs = () => base + (wall() - wallBase) * speed;
  const rebase = (at: number) => {
    base = at;
    wallBase = wall();
  };
  return {
    get speed() {
      return speed;
    },
    now: () => new Date(nowMs()),
    skipTo: (at) => {
      if (at.getTime() > nowMs()) rebase(at.getTime());
    },
    setSpeed: (next) => {
      if (!(Number.isFinite(next) && next >= 0)) throw new RangeError(`a clock speed of ${next}`);
      rebase(nowMs());
      speed = next;
    },
    restartAt: (at) => rebase(at.getTime()),
  };
}
