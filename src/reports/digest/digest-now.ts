import { isoWeekKey } from "../../calendar/iso-date.js";
import type { ChannelLimits } from "../../channels/channel-limits.js";
import type { MediaMessage } from "../../channels/message.js";
import { businessDate } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import type { LedgerSources } from "../ledger/ledger-sources.js";
import { composeDigests } from "./compose-digest.js";
import { digestChartMessage } from "./digest-chart.js";

/**
 * A leader's digest as it stands at any moment, in its text parts (what /digest answers), with
 * its pace chart when asked for and there is one: the week that moment falls in, changes counted
 * from the last digest sent before it. Undefined before any import; no parts for a leader who
 * leads no task.
 */
export function digestNow(
  sources: LedgerSources,
  limits: Pick<ChannelLimits, "textBytes">,
  logger: Logger,
): (
  leader: string,
  at: string,
  options: { chart: boolean },
) => Promise<{ parts: string[]; chart?: MediaMessage } | undefined> {
  return async (leader, at, options) => {
    const week = isoWeekKey(businessDate(new Date(at)));
    const result = await composeDigests(sources, { leaders: [leader], week, at }, limits);
    if (result.status === "no-registry") return undefined;
    const composed = result.status === "composed" ? result.digests[0] : undefined;
    if (!composed || composed.parts.length === 0) return { parts: [] };
    const chart = options.chart ? await digestChartMessage(composed.digest, logger) : undefined;
    return { parts: composed.parts, ...(chart?.kind === "image" ? { chart } : {}) };
  };
}
