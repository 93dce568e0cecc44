import { isoWeekKey } from "../calendar/iso-date.js";
import { COMMON_LIMITS } from "../channels/channel-limits.js";
import { byteLength } from "../channels/split-text.js";
import type { LeaderDigest } from "../reports/digest/leader-digest.js";
import { businessDate, type Clock, systemClock } from "../shared/clock.js";
import { AppError, InputError } from "../shared/errors.js";
import { message } from "../templates/template-store.js";
import { openReportSources } from "./open-report-sources.js";
import type { StoreDefaultsOption } from "./store-defaults-option.js";

export interface DigestOptions {
  leader: string;
  week?: string;
  at?: string;
  out?: string;
  store?: string;
  dataDir?: string;
}

const m = (key: string, view: Record<string, unknown> = {}) => message("cli/digest", key, view);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * `duban digest` (see digest-command.ts): the digest's parts as the job would send them, each
 * under a line saying which it is, and notes for stderr. Every channel Duban knows holds 2048
 * bytes a text message (COMMON_LIMITS), so these are the parts on any of them.
 */
export async function printDigest(
  defaults: StoreDefaultsOption,
  options: DigestOptions,
  clock: Clock = systemClock,
): Promise<{ text: string; notes: string[] }> {
  const week = options.week ?? isoWeekKey(businessDate(clock.now()));
  const { mondayOfWeek } = await import("../reports/digest/digest-week.js");
  if (mondayOfWeek(week) === undefined) throw new InputError(m("badWeek", { value: week }));
  const at = options.at === undefined ? undefined : instant(options.at);
  if (options.out !== undefined && !/\.png$/i.test(options.out))
    throw new InputError(m("notPng", { file: options.out }));
  const { composeDigests, leaderNames } = await import("../reports/digest/compose-digest.js");
  const { closeNames } = await import("../commands/close-names.js");
  const sources = await openReportSources(defaults, options);
  const { store } = sources;
  try {
    if (!(await store.registry.current())) throw new AppError("not_found", m("noRegistry"));
    const known = await leaderNames(sources);
    if (!known.includes(options.leader)) {
      const near = closeNames(options.leader, known).join(message("commands", "listSeparator"));
      throw new InputError(m("unknownLeader", { value: options.leader, near }));
    }
    const request = { leaders: [options.leader], week, ...(at ? { at } : {}) };
    const result = await composeDigests(sources, request, COMMON_LIMITS);
    if (result.status === "no-registry") throw new AppError("not_found", m("noRegistry"));
    if (result.status === "no-digest-day") throw new InputError(m("noDigestDay", { week }));
    const [composed] = result.digests;
    if (!composed || composed.parts.length === 0)
      return { text: m("noTasks", { leader: options.leader, week }), notes: [] };
    const { parts, digest } = composed;
    const text = parts
      .map((part, i) =>
        [m("part", { n: i + 1, count: parts.length, bytes: byteLength(part) }), part].join("\n"),
      )
      .join("\n\n");
    const notes = options.out === undefined ? [] : await writeChart(digest, options.out);
    return { text, notes };
  } finally {
    await store.close();
  }
}

/** An ISO instant with its time of day; a bare time is Beijing time. */
function instant(value: string): string {
  const at = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}+08:00`);
  if (!INSTANT.test(value) || Number.isNaN(at)) throw new InputError(m("badAt", { value }));
  return new Date(at).toISOString();
}

/**
 * The pace chart of the digest (digest.paceRows against digest.pace) to `file`. The chart module
 * (src/reports/charts/) is built alongside; until it is connected here, this says so.
 */
async function writeChart(_digest: LeaderDigest, file: string): Promise<string[]> {
  return [m("noChart", { file })];
}
