import { cycleInWords, plainDate } from "../../calendar/format-dates.js";
import { messages } from "../../templates/template-store.js";
import { type Block, type DocxDraft, paragraph, table } from "../docx/docx-blocks.js";
import { CLASS_NAMES, classView, joinList, monthDay, oneDecimal, periodInWords } from "./bulletin-words.js";
import type { Bulletin } from "./collect-bulletin.js";
import type { OverdueItem } from "./overdue-items.js";

const m = messages("bulletin");
/** A task's sentence is cut to this many characters in the overdue table: the number finds it. */
const TASK_CHARS = 36;
/** Units left out of a ranking are named up to this many, and counted beyond. */
const NAMED_APART = 10;

/**
 * The bulletin as a 公文 draft: title, 文号 placeholder, 主送, the opening, five parts (总体情况,
 * 单位排名, 逾期事项, 先进典型, 下步工作要求) with their tables, and the 落款 with the day issued.
 */
export function bulletinDraft(bulletin: Bulletin, issuedOn: string, created: Date): DocxDraft {
  const period = periodInWords(bulletin.period);
  const date = plainDate(bulletin.date);
  const year = bulletin.document.year;
  const title = m("title", { period });
  const blocks: Block[] = [
    paragraph("title", title),
    paragraph("docNo", m("docNo", { year: Number(issuedOn.slice(0, 4)) })),
    paragraph("salutation", m("salutation")),
    paragraph("body", m(bulletin.over ? "opening" : "openingRunning", { year, period, date })),
    ...overall(bulletin),
    ...rankings(bulletin, date),
    ...overdue(bulletin.overdue, bulletin.overdueRows, date),
    ...merit(bulletin, date),
    paragraph("heading1", m("headingNext")),
    paragraph("body", m("next1")),
    paragraph("body", m("next2")),
    paragraph("signature", m("organ")),
    paragraph("signature", plainDate(issuedOn)),
  ];
  return { title, blocks, created };
}

function overall(bulletin: Bulletin): Block[] {
  const { green, yellow, red } = bulletin.lights;
  const rows = bulletin.classes.map((c) => [
    CLASS_NAMES[c.taskClass](),
    String(c.count),
    m("percent", { value: c.percent }),
  ]);
  rows.push([
    m("totalRow"),
    String(bulletin.tasks.length),
    m("percent", { value: bulletin.tasks.length ? 100 : 0 }),
  ]);
  return [
    paragraph("heading1", m("headingOverall")),
    paragraph("body", m("overall", classView(bulletin))),
    table(
      [
        { header: m("classHeader"), width: 3 },
        { header: m("countHeader"), width: 2, center: true },
        { header: m("shareHeader"), width: 2, center: true },
      ],
      rows,
    ),
    paragraph("body", m("lights", { parts: green + yellow + red, green, yellow, red })),
  ];
}

function rankings(bulletin: Bulletin, date: string): Block[] {
  const { onTime, pace } = bulletin;
  const blocks: Block[] = [
    paragraph("heading1", m("headingRanking")),
    paragraph("heading2", m("headingOnTime")),
  ];
  if (onTime.ranked.length === 0) blocks.push(paragraph("body", m("onTimeEmpty")));
  else {
    blocks.push(
      paragraph("body", m("onTimeIntro")),
      table(
        [
          { header: m("rankHeader"), width: 1, center: true },
          { header: m("unitHeader"), width: 5 },
          { header: m("dueHeader"), width: 2, center: true },
          { header: m("onTimeHeader"), width: 2, center: true },
          { header: m("rateHeader"), width: 2, center: true },
        ],
        onTime.ranked.map((r, i) => [
          String(i + 1),
          r.unit,
          String(r.due),
          String(r.onTime),
          m("percent", { value: oneDecimal(r.rate * 100) }),
        ]),
      ),
    );
    if (onTime.none.length > 0)
      blocks.push(paragraph("body", m("onTimeNone", { units: joinList(onTime.none) })));
  }
  blocks.push(paragraph("heading2", m("headingPace")));
  if (pace.ranked.length === 0) return [...blocks, paragraph("body", m("paceEmpty"))];
  blocks.push(
    paragraph("body", m("paceIntro", { date, pace: oneDecimal(bulletin.yearPace) })),
    table(
      [
        { header: m("rankHeader"), width: 1, center: true },
        { header: m("unitHeader"), width: 4 },
        { header: m("partsHeader"), width: 2, center: true },
        { header: m("shareOfTargetHeader"), width: 2, center: true },
        { header: m("paceHeader"), width: 2, center: true },
        { header: m("pointsHeader"), width: 2, center: true },
      ],
      pace.ranked.map((r, i) => [
        String(i + 1),
        r.unit,
        String(r.parts),
        m("percent", { value: oneDecimal(r.share) }),
        m("percent", { value: oneDecimal(r.pace) }),
        m("points", { value: oneDecimal(r.points) }),
      ]),
    ),
  );
  if (pace.none.length > 0) blocks.push(paragraph("body", m("paceNone", unitsApart(pace.none))));
  return blocks;
}

function overdue(items: readonly OverdueItem[], rows: number, date: string): Block[] {
  const heading = paragraph("heading1", m("headingOverdue"));
  if (items.length === 0) return [heading, paragraph("body", m("overdueNone", { date }))];
  const reports = items.filter((i) => i.kind === "report").length;
  return [
    heading,
    paragraph(
      "body",
      m("overdueIntro", { date, count: items.length, reports, deadlines: items.length - reports }),
    ),
    table(
      [
        { header: m("noHeader"), width: 1, center: true },
        { header: m("taskHeader"), width: 6 },
        { header: m("unitHeader"), width: 4 },
        { header: m("lateHeader"), width: 5 },
        { header: m("daysHeader"), width: 2, center: true },
      ],
      items
        .slice(0, rows)
        .map((item, i) => [
          String(i + 1),
          m("taskCell", { no: item.task.no, text: shorten(item.task.text) }),
          item.unit,
          item.kind === "report"
            ? m("lateReport", { cycle: cycleInWords(item.cycle), due: monthDay(item.due) })
            : m("lateDeadline", { deadline: plainDate(item.deadline) }),
          String(item.days),
        ]),
    ),
    ...(items.length > rows ? [paragraph("body", m("overdueRest", { rest: items.length - rows }))] : []),
  ];
}

function merit(bulletin: Bulletin, date: string): Block[] {
  const { streaks, streakMin: min, turnedGreen } = bulletin;
  const units = joinList(streaks.map((s) => m("streakUnit", { unit: s.unit, cycles: s.cycles })));
  return [
    paragraph("heading1", m("headingMerit")),
    paragraph("heading2", m("headingStreak")),
    paragraph("body", streaks.length > 0 ? m("streak", { units, min }) : m("streakNone", { min })),
    paragraph("heading2", m("headingTurned")),
    paragraph(
      "body",
      turnedGreen.length > 0
        ? m("turned", {
            units: joinList(turnedGreen),
            previous: periodInWords(bulletin.previous.period),
            date,
          })
        : m("turnedNone"),
    ),
  ];
}

/** Units left out of a ranking: named when few, else counted (early in a year it is nearly all of them). */
function unitsApart(units: readonly string[]): { units?: string; count: number } {
  return units.length <= NAMED_APART
    ? { units: joinList(units), count: units.length }
    : { count: units.length };
}

function shorten(text: string): string {
  return text.length > TASK_CHARS ? `${text.slice(0, TASK_CHARS - 1)}…` : text;
}
