import type { UnitStanding } from "../../commands/office-overview.js";
import { computePace } from "../../lights/compute-pace.js";
import type { LightColor } from "../../lights/light.js";
import type { RegistryDocument, Section } from "../../registry/registry.js";
import type { LedgerSources } from "../ledger/ledger-sources.js";
import { loadOverview } from "../ledger/load-overview.js";
import { storeAsOf } from "../ledger/store-as-of.js";
import { type BulletinPeriod, judgedOn, previousPeriod } from "./bulletin-period.js";
import { type ClassifiedTask, classifyTasks, TASK_CLASSES, type TaskClass } from "./classify-tasks.js";
import { percentages } from "./largest-remainder.js";
import { type OverdueItem, overdueItems } from "./overdue-items.js";
import { paceGap } from "./pace-gap.js";
import { type OnTimeRank, type PaceRank, type Ranking, rankOnTime, rankPace } from "./rank-units.js";
import { onTimeStreaks, type Streak, turnedGreen } from "./unit-streaks.js";

/** What a bulletin (通报) says, judged on one day; the document and the chat summary word it. */
export interface Bulletin {
  document: RegistryDocument;
  period: BulletinPeriod;
  /** The day judged: the period's last day, or today while the period runs. */
  date: string;
  /** Whether the period is over (else the bulletin says 截至 `date`). */
  over: boolean;
  tasks: ClassifiedTask[];
  /** The registry's chapters, in order; a task's `section` is a title. */
  sections: Section[];
  /** Per class, in TASK_CLASSES order: tasks counted, and whole percentages adding up to 100. */
  classes: { taskClass: TaskClass; count: number; percent: number }[];
  /** Units' parts by light (红黄绿), one per task and unit. */
  lights: Record<LightColor, number>;
  onTime: Ranking<OnTimeRank>;
  pace: Ranking<PaceRank>;
  overdue: OverdueItem[];
  /** Units on time for at least `streakMin` cycles in a row. */
  streaks: Streak[];
  streakMin: number;
  /** How many overdue items the draft's table lists (settings.bulletin.overdueRows). */
  overdueRows: number;
  /** 后进转先进: red or late at the previous period's end, all green now. */
  turnedGreen: string[];
  previous: { period: BulletinPeriod; date: string };
  /** 序时进度 of a task due at the year's end, on the day judged, 0–100. */
  yearPace: number;
}

/**
 * Reads the bulletin of `period` from the standings /lights judges on the period's last day (or
 * `today` while it runs), and the previous period's last day for 后进转先进. Undefined before any
 * registry has been imported or before the period begins.
 */
export async function collectBulletin(
  given: LedgerSources,
  options: { period: BulletinPeriod; today: string },
): Promise<Bulletin | undefined> {
  // One calendar for the whole bulletin: the office's days as read now (the calendar checks their
  // age at every call otherwise, and the standings ask it for every unit and every due).
  const sources = { ...given, calendar: given.calendar.snapshot?.() ?? given.calendar };
  const { period, today } = options;
  const date = judgedOn(period, today);
  if (date === undefined) return undefined;
  const current = await sources.store.registry.current();
  const overview = await loadOverview({ ...sources, store: storeAsOf(sources.store, date) }, date);
  if (!current || !overview) return undefined;
  const before = previousPeriod(period);
  const earlier = await loadOverview({ ...sources, store: storeAsOf(sources.store, before.end) }, before.end);
  const { standings } = overview;
  const { settings, calendar } = sources;
  const year = current.registry.document.year;
  const gap = (standing: UnitStanding) => paceGap(standing, { date, year, calendar });
  const tasks = classifyTasks(standings, { aheadPoints: settings.bulletin.aheadPoints, gap });
  const counts = TASK_CLASSES.map((c) => tasks.filter((t) => t.taskClass === c).length);
  const percents = percentages(counts);
  const lights: Record<LightColor, number> = { green: 0, yellow: 0, red: 0 };
  for (const s of standings) lights[s.light.color]++;
  return {
    document: current.registry.document,
    period,
    date,
    over: today > period.end,
    tasks,
    sections: overview.sections,
    classes: TASK_CLASSES.map((taskClass, i) => ({
      taskClass,
      count: counts[i] ?? 0,
      percent: percents[i] ?? 0,
    })),
    lights,
    onTime: rankOnTime(standings, period.start),
    pace: rankPace(standings, gap),
    overdue: overdueItems(standings),
    streaks: onTimeStreaks(standings, settings.bulletin.streak),
    streakMin: settings.bulletin.streak,
    overdueRows: settings.bulletin.overdueRows,
    turnedGreen: turnedGreen(earlier?.standings ?? [], standings),
    previous: { period: before, date: before.end },
    yearPace: computePace(calendar, { year, date, deadline: `${year}-12-31` }),
  };
}
