import { cycleInWords } from "../../calendar/format-dates.js";
import type { ChannelLimits } from "../../channels/channel-limits.js";
import { dayInWords, instantInWords } from "../../commands/when-in-words.js";
import { indicatorLabel } from "../../registry/indicator-label.js";
import type { Task } from "../../registry/registry.js";
import { shortTitle } from "../../registry/short-title.js";
import { businessDate } from "../../shared/clock.js";
import type { ProgressReport } from "../../store/progress-report.js";
import { messages } from "../../templates/template-store.js";
import { DIFFICULTY_RESOLVED } from "../../unit-view/is-report.js";
import { formatAmount, formatShare } from "./format-amount.js";
import type { DigestAlert, DigestChange, LeaderDigest, LightCounts, UpcomingDue } from "./leader-digest.js";
import { packParts, type TextSection } from "./pack-parts.js";

const m = messages("digest");
/** A line names this many units, then "等N个单位": a phone line, not a roster. */
const UNITS_NAMED = 6;
/**
 * Silent units are listed task by task, host units first: fewer names keep each task one line.
 * Tasks due the same day share a line naming up to this many units, else counting them.
 */
const SILENT_NAMED = 3;
/** Reports listed one by one; the rest are counted (the ledger has them all). */
const REPORTS_LISTED = 12;
/** A difficulty's note is cut to this many characters. */
const NOTE_CHARS = 30;
const COLOR_WORD = { red: "colorRed", yellow: "colorYellow", green: "colorGreen" } as const;

/**
 * The digest as the text parts that are sent, in order, each within `limits.textBytes`: the
 * counts, the red and yellow lights with their reasons, what changed since the last digest, the
 * units that went silent, what falls due next and the pace of numeric targets.
 */
export function renderDigest(digest: LeaderDigest, limits: Pick<ChannelLimits, "textBytes">): string[] {
  const { date } = digest;
  const [year, week] = digest.week.split("-W").map(Number);
  const head = [
    m("head", { leader: digest.leader, year, week }),
    m("asOf", {
      when: instantInWords(digest.at, date),
      count: digest.tasks.length,
      counts: counts(digest.taskCounts, "taskCount"),
    }),
    m("unitsLine", { count: total(digest.unitCounts), counts: counts(digest.unitCounts, "unitCount") }),
  ];
  if (digest.alerts.length === 0) head.push(m("noAlerts"));
  const sections: TextSection[] = [
    ...alertSections(digest.alerts, "red"),
    ...alertSections(digest.alerts, "yellow"),
    { title: m("sectionChanges", { since: instantInWords(digest.since, date) }), lines: changeLines(digest) },
  ];
  if (digest.silent.length > 0)
    sections.push({
      title: m("sectionSilent"),
      lines: digest.silent.map((s) =>
        m("silentLine", {
          taskNo: s.task.no,
          cycle: cycleInWords(s.cycle),
          units: names(s.units, SILENT_NAMED),
          days: s.days,
        }),
      ),
    });
  if (digest.upcoming.length > 0)
    sections.push({ title: m("sectionUpcoming"), lines: upcomingLines(digest.upcoming, date) });
  if (digest.paceDetails.length > 0)
    sections.push({
      title: m("sectionPace", { pace: formatShare(digest.pace) }),
      lines: digest.paceDetails.map((row) => {
        const points = row.pace - row.share;
        return m("paceLine", {
          taskNo: row.task.no,
          measure: row.measure || m("percentMeasure"),
          unit: row.unit,
          share: formatShare(row.share),
          verdict: points > 0 ? m("paceBehind", { points: formatShare(points) }) : m("paceAhead"),
        });
      }),
    });
  return packParts({
    head,
    sections,
    continued: m("continued", { leader: digest.leader }),
    titleContinued: (title) => m("sectionContinued", { title }),
    maxBytes: limits.textBytes,
  });
}

function counts(of: LightCounts, key: "taskCount" | "unitCount"): string {
  return [
    { color: m("colorRed"), count: of.red },
    { color: m("colorYellow"), count: of.yellow },
    { color: m("colorGreen"), count: of.green },
    { color: m("colorCompleted"), count: of.completed },
  ]
    .filter((c) => c.count > 0)
    .map((c) => m(key, c))
    .join(m("countSeparator"));
}

const total = (of: LightCounts) => of.red + of.yellow + of.green + of.completed;

/**
 * One section per colour: each task's title with its units grouped by the same reasons under it,
 * as one block that is kept in one part. Tasks whose only reason is late reports share one line
 * after them (the silent units' section names the units), so a leader of many tasks reads the
 * reasons that need him first.
 */
function alertSections(alerts: readonly DigestAlert[], color: DigestAlert["color"]): TextSection[] {
  const of = alerts.filter((a) => a.color === color);
  const substantive = new Set(of.filter((a) => a.lateDays === undefined).map((a) => a.task.no));
  const lateOnly = of.filter((a) => !substantive.has(a.task.no));
  const blocks = new Map<number, string[]>();
  for (const alert of of.filter((a) => substantive.has(a.task.no) || lateOnly.length === 1)) {
    const block = blocks.get(alert.task.no) ?? [
      m("alertTask", { taskNo: alert.task.no, title: shortTitle(alert.task) }),
    ];
    block.push(
      alert.lateDays !== undefined && alert.units.length > 1
        ? m("alertLate", { count: alert.units.length, days: alert.lateDays })
        : m("alertUnits", { units: names(alert.units), reasons: alert.reasons.join(m("reasonSeparator")) }),
    );
    blocks.set(alert.task.no, block);
  }
  const lines = [...blocks.values()].map((block) => block.join("\n"));
  if (lateOnly.length > 1)
    lines.push(
      m("alertLateTasks", {
        tasks: lateOnly.map((a) => a.task.no).join(m("taskNoSeparator")),
        count: lateOnly.reduce((n, a) => n + a.units.length, 0),
        days: Math.max(...lateOnly.map((a) => a.lateDays ?? 0)),
      }),
    );
  return lines.length === 0 ? [] : [{ title: m(color === "red" ? "sectionRed" : "sectionYellow"), lines }];
}

/** More units than this changing colour the same way are one line, naming their tasks. */
const LIGHT_CHANGES_LISTED = 3;

function changeLines(digest: LeaderDigest): string[] {
  const { date } = digest;
  const day = (instant: string) => dayInWords(businessDate(new Date(instant)), date);
  const reports = digest.changes.filter((c) => c.kind === "report");
  const listed = new Set(reports.slice(0, REPORTS_LISTED));
  const lights = new Map<string, Extract<DigestChange, { kind: "light" }>[]>();
  for (const change of digest.changes)
    if (change.kind === "light") {
      const key = `${change.from}>${change.to}`;
      lights.set(key, [...(lights.get(key) ?? []), change]);
    }
  const lines = digest.changes.flatMap((change): string[] => {
    const base = { taskNo: change.task.no, unit: change.unit };
    switch (change.kind) {
      case "report":
        return listed.has(change)
          ? [
              m("changeReport", {
                ...base,
                day: day(change.at),
                what: reportInWords(change.report, change.task),
              }),
            ]
          : [];
      case "light": {
        const same = lights.get(`${change.from}>${change.to}`) ?? [];
        const colors = { from: m(COLOR_WORD[change.from]), to: m(COLOR_WORD[change.to]) };
        if (same.length <= LIGHT_CHANGES_LISTED) return [m("changeLight", { ...base, ...colors })];
        if (same[0] !== change) return [];
        const tasks = [...new Set(same.map((c) => c.task.no))].join(m("taskNoSeparator"));
        return [m("changeLights", { count: same.length, tasks, ...colors })];
      }
      case "completion":
        return [m("changeCompletion", { ...base, day: day(change.at) })];
      default:
        return [extensionLine(change, base, day(change.at), date)];
    }
  });
  if (reports.length > REPORTS_LISTED)
    lines.push(m("moreReports", { count: reports.length - REPORTS_LISTED }));
  return lines.length > 0 ? lines : [m("noChanges")];
}

function extensionLine(
  change: Extract<DigestChange, { kind: "extension" }>,
  base: { taskNo: number; unit: string },
  day: string,
  today: string,
): string {
  if (change.decision === "approved")
    return m("changeExtensionApproved", {
      ...base,
      day,
      deadline: change.newDeadline ? dayInWords(change.newDeadline, today) : "",
    });
  return m(change.decision === "rejected" ? "changeExtensionRejected" : "changeExtensionReturned", {
    ...base,
    day,
  });
}

/**
 * What falls due, by day: one task due that day is named with its units; several due the same day
 * for the same cycle share a line with their task numbers and a count of units.
 */
function upcomingLines(upcoming: readonly UpcomingDue[], today: string): string[] {
  const groups = new Map<string, UpcomingDue[]>();
  for (const due of upcoming) {
    const key = `${due.date}\u0000${due.kind}\u0000${due.cycle ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), due]);
  }
  return [...groups.values()].map((dues) => {
    const [first] = dues as [UpcomingDue];
    const day = dayInWords(first.date, today);
    const cycle = cycleInWords(first.cycle ?? "");
    const tasks = dues.map((d) => d.task.no).join(m("taskNoSeparator"));
    const units = [...new Set(dues.flatMap((d) => d.units))];
    // Counted as the counts above are: a unit owing on two tasks counts twice.
    const count = dues.reduce((n, d) => n + d.units.length, 0);
    if (dues.length > 1 && units.length > SILENT_NAMED)
      return first.kind === "report"
        ? m("upcomingReports", { day, tasks, cycle, count })
        : m("upcomingDeadlines", { day, tasks, count });
    const view = { day, taskNo: tasks, cycle, units: names(units) };
    return m(first.kind === "report" ? "upcomingReport" : "upcomingDeadline", view);
  });
}

/** A report's numbers and words: "城镇新增就业4200人，完成70%", "反映困难（…）". */
function reportInWords(report: ProgressReport, task: Task): string {
  let what: string;
  if (report.status === "difficulty") what = m("reportDifficulty", { note: shorten(report.note) });
  else if (report.status === DIFFICULTY_RESOLVED) what = m("reportDifficultyResolved");
  else if (report.status === "completion-requested") what = m("reportCompletion");
  else {
    const parts = report.values.flatMap((v) => {
      const indicator = task.indicators[v.indicator];
      return indicator
        ? [m("reportValue", { label: indicatorLabel(indicator), amount: formatAmount(v.value, v.unit) })]
        : [];
    });
    if (report.percent !== undefined) parts.push(m("reportPercent", { share: formatShare(report.percent) }));
    what =
      parts.length > 0
        ? parts.join(m("valueSeparator"))
        : report.note
          ? shorten(report.note)
          : m("reportOnTrack");
  }
  return report.proxy ? m("reportByOffice", { what }) : what;
}

/** "大安镇、新兖镇等9个单位". */
function names(units: readonly string[], named = UNITS_NAMED): string {
  const shown = units.slice(0, named).join(m("nameSeparator"));
  return units.length > named ? m("namesMore", { names: shown, count: units.length }) : shown;
}

function shorten(note: string): string {
  return note.length > NOTE_CHARS ? `${note.slice(0, NOTE_CHARS - 1)}…` : note;
}
