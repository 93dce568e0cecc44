import type { Clock } from "../shared/clock.js";

/** A clock the simulation moves by hand. */
export interface VirtualClock extends Clock {
  set(at: Date): void;
}

export function createVirtualClock(start: Date): VirtualClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (at) => {
      now = at.getTime();
    },
  };
}
