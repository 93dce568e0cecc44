import type { Clock } from "../shared/clock.js";
import type { ScheduleFn } from "./create-scheduler.js";
import { cronMatcher } from "./cron-matcher.js";

const MINUTE = 60_000;

/**
 * A ScheduleFn that fires on the injected clock instead of the wall clock: every `pollMs` of real
 * time it looks at every minute the clock has crossed since the last look and runs the job for
 * each minute its expression matches, in order, with that minute as the tick. node-cron only knows
 * the wall clock; this is what runs the scheduler on the demo clock, where an hour may pass in a
 * minute and a night in a moment; a clock set back is followed from its new instant. Five-field expressions only (minutes are the finest step).
 */
export function clockSchedule(clock: Clock, options: { pollMs?: number } = {}): ScheduleFn {
  const pollMs = options.pollMs ?? 250;
  return (expression, run) => {
    const matches = cronMatcher(expression);
    let timer: NodeJS.Timeout | undefined;
    let checkedUpTo = Math.floor(clock.now().getTime() / MINUTE);
    let running = false;
    const poll = async () => {
      if (running) return;
      running = true;
      try {
        const current = Math.floor(clock.now().getTime() / MINUTE);
        // The playground's clock may be set back (before any task exists): go on from there.
        if (current < checkedUpTo) checkedUpTo = current;
        for (let minute = checkedUpTo + 1; minute <= current && timer !== undefined; minute++) {
          checkedUpTo = minute;
          const at = new Date(minute * MINUTE);
          if (matches(at)) await run(at);
        }
      } finally {
        running = false;
      }
    };
    return {
      start: () => {
        checkedUpTo = Math.floor(clock.now().getTime() / MINUTE);
        timer = setInterval(() => void poll(), pollMs);
      },
      stop: () => {
        clearInterval(timer);
        timer = undefined;
      },
    };
  };
}
