import { isoWeekKey } from "../calendar/iso-date.js";
import { COMMON_LIMITS } from "../channels/channel-limits.js";
import { byteLength } from "../channels/split-text.js";
import type { LeaderDigest } from "../reports/digest/leader-digest.js";
import { businessDate, type Clock, systemClock } from "../shared/clock.js";
import { AppError, InputError } from "../shared/errors.js";
import { message } from "../templates/template-store.js";
import { checkOutputFile, writeWhole } from "./output-file.js";
import type { StoreDefaultsOption } from "./store-defaults-option.js";
import { withLedgerSources } from "./with-ledger-sources.js";

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
  if (options.out !== undefined)
    await checkOutputFile(options.out, { extension: ".png", example: m("pngExample"), force: true });
  const { composeDigests, leaderNames } = await import("../reports/digest/compose-digest.js");
  const { closeNames } = await import("../commands/close-names.js");
  return withLedgerSources(defaults, options, async (sources) => {
    const { store } = sources;
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
  });
}

/** An ISO instant with its time of day; a bare time is Beijing time. */
function instant(value: string): string {
  const at = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}+08:00`);
  if (!INSTANT.test(value) || Number.isNaN(at)) throw new InputError(m("badAt", { value }));
  return new Date(at).toISOString();
}

/**
 * The digest's pace chart (digest.paceRows against digest.pace), the image the job sends with the
 * text, to `file`; a note when there is none (no host unit of the leader's tasks has reported a
 * number or a percentage to compare with the pace yet, or no CJK font to draw it with).
 */
async function writeChart(digest: LeaderDigest, file: string): Promise<string[]> {
  const { digestChart } = await import("../reports/digest/digest-chart.js");
  const chart = await digestChart(digest);
  if (chart.status === "none") return [m("noChartRows", { file })];
  if (chart.status === "no-font") return [m("noChartFont", { file, problem: chart.problem })];
  await writeWhole(file, chart.png);
  return [m("chartWritten", { file, kb: Math.max(1, Math.round(chart.png.byteLength / 1024)) })];
}
