import type { AppConfig } from "../config/app-config.js";
import { ConfigError } from "../shared/errors.js";

/**
 * Whether the playground runs: it acts through the local channel, which runs only when no platform
 * is configured, so it is on then unless DUBAN_PLAYGROUND=0; asked for (1) with a platform, the start
 * is refused, since the playground would act as anyone toward real people.
 */
export function playgroundRuns(
  config: Pick<AppConfig, "DUBAN_PLAYGROUND">,
  platformConfigured: boolean,
): boolean {
  if (config.DUBAN_PLAYGROUND === true && platformConfigured)
    throw new ConfigError(
      "environment: DUBAN_PLAYGROUND=1 asks for the playground, which works with the local channel only, and a " +
        "platform is configured. Fix: unset DUBAN_PLAYGROUND, or unset the platform's variables (WECOM_*, DINGTALK_*) " +
        "to try Duban locally.",
    );
  return !platformConfigured && config.DUBAN_PLAYGROUND !== false;
}

/** The clock is the playground's own (no DUBAN_CLOCK* set): real time until someone moves it. */
export function playgroundClockOnly(
  config: Pick<AppConfig, "DUBAN_CLOCK" | "DUBAN_CLOCK_SPEED" | "DUBAN_CLOCK_SKIP_IDLE">,
): boolean {
  return (
    config.DUBAN_CLOCK === undefined &&
    config.DUBAN_CLOCK_SPEED === undefined &&
    config.DUBAN_CLOCK_SKIP_IDLE === undefined
  );
}
