import { isoWeekKey } from "../../calendar/iso-date.js";
import type { ChannelLimits } from "../../channels/channel-limits.js";
import { businessDate } from "../../shared/clock.js";
import type { LedgerSources } from "../ledger/ledger-sources.js";
import { composeDigests } from "./compose-digest.js";

/**
 * A leader's digest as it stands at any moment, in its text parts (what /digest answers): the week
 * that moment falls in, changes counted from the last digest sent before it. Undefined before any
 * import; no parts for a leader who leads no task.
 */
export function digestNow(
  sources: LedgerSources,
  limits: Pick<ChannelLimits, "textBytes">,
): (leader: string, at: string) => Promise<string[] | undefined> {
  return async (leader, at) => {
    const week = isoWeekKey(businessDate(new Date(at)));
    const result = await composeDigests(sources, { leaders: [leader], week, at }, limits);
    if (result.status === "no-registry") return undefined;
    return result.status === "composed" ? (result.digests[0]?.parts ?? []) : [];
  };
}
