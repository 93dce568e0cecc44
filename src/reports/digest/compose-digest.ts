import type { ChannelLimits } from "../../channels/channel-limits.js";
import type { LedgerSources } from "../ledger/ledger-sources.js";
import { type KeptStandings, leaderDigest, loadDigestBasis } from "./collect-digest.js";
import { digestTimes } from "./digest-week.js";
import type { LeaderDigest } from "./leader-digest.js";
import { renderDigest } from "./render-digest.js";

/** A digest with the text parts it is sent as; `parts` is empty for a leader without tasks. */
export interface ComposedDigest {
  digest: LeaderDigest;
  parts: string[];
}

export type ComposeResult =
  /** `kept`: for the next week's composition (the weekly job hands it back). */
  | { status: "composed"; digests: ComposedDigest[]; kept: KeptStandings }
  | { status: "no-registry" }
  /** The week has no working day, so no digest day: give `at` to compose one anyway. */
  | { status: "no-digest-day" };

/**
 * The digests of `leaders` for `week` as the scheduled job sends them (at the week's send time,
 * or at `at`), rendered within `limits`: what `duban digest` prints, /digest answers and the job
 * enqueues. One pass over the store for all of them.
 */
export async function composeDigests(
  sources: LedgerSources,
  request: { leaders: readonly string[]; week: string; at?: string },
  limits: Pick<ChannelLimits, "textBytes">,
  /** The previous week's composition's, when the caller kept it: its standings are not judged again. */
  kept?: KeptStandings,
): Promise<ComposeResult> {
  const times = digestTimes(sources.calendar, { ...request, time: sources.settings.digest.time });
  if (!times) return { status: "no-digest-day" };
  const basis = await loadDigestBasis(sources, times, kept);
  if (!basis) return { status: "no-registry" };
  return {
    status: "composed",
    kept: basis.kept,
    digests: request.leaders.map((leader) => {
      const digest = leaderDigest(basis, leader, request.week);
      return { digest, parts: digest.tasks.length > 0 ? renderDigest(digest, limits) : [] };
    }),
  };
}

/** Everyone who may have a digest: the directory's leaders and every 牵头领导 the registry names. */
export async function leaderNames(sources: Pick<LedgerSources, "store" | "directory">): Promise<string[]> {
  const current = await sources.store.registry.current();
  const named = current?.registry.tasks.flatMap((task) => task.leaders) ?? [];
  return [...new Set([...sources.directory.leaders.map((leader) => leader.name), ...named])];
}
