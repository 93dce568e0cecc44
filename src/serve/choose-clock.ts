import type { ChannelName } from "../channels/channel.js";
import type { AppConfig } from "../config/app-config.js";
import { parseDemoInstant } from "../config/demo-instant.js";
import { createDemoClock, type DemoClock } from "../demo/demo-clock.js";
import { ConfigError } from "../shared/errors.js";

/**
 * The demo clock when DUBAN_CLOCK, DUBAN_CLOCK_SPEED or DUBAN_CLOCK_SKIP_IDLE is set, else
 * undefined (the real time). A demo clock sends real people reminders at the wrong time, so it
 * runs only where nobody real is reached: `channels` are the running channels that reach people
 * (the local channel, and a platform whose API is a fake on this machine, are left out by the caller
 * or here).
 */
export function chooseDemoClock(
  config: AppConfig,
  channels: readonly ChannelName[],
  wall?: () => number,
): DemoClock | undefined {
  const { DUBAN_CLOCK, DUBAN_CLOCK_SPEED, DUBAN_CLOCK_SKIP_IDLE } = config;
  if (DUBAN_CLOCK === undefined && DUBAN_CLOCK_SPEED === undefined && DUBAN_CLOCK_SKIP_IDLE === undefined)
    return undefined;
  const platforms = channels.filter((name) => name !== "local");
  if (platforms.length > 0)
    throw new ConfigError(
      `environment: DUBAN_CLOCK, DUBAN_CLOCK_SPEED and DUBAN_CLOCK_SKIP_IDLE run the demo clock, which works ` +
        `with the local channel only, and ${platforms.join(", ")} is configured. Fix: unset the DUBAN_CLOCK* ` +
        `variables to run on real time, or unset the ${platforms.map((p) => `${p.toUpperCase()}_*`).join(", ")} ` +
        "variables to try Duban locally.",
    );
  const start = DUBAN_CLOCK !== undefined ? parseDemoInstant(DUBAN_CLOCK) : undefined;
  return createDemoClock({
    start: start ?? new Date(wall?.() ?? Date.now()),
    speed: DUBAN_CLOCK_SPEED ?? 1,
    ...(wall ? { wall } : {}),
  });
}
