import { businessDate } from "../shared/clock.js";
import { readSmallNumber } from "./chinese-numerals.js";
import { lacksValue, readFieldLine } from "./field-lines.js";
import { type Annotations, findAnnotations } from "./find-annotations.js";
import { type HeadingOwners, readHeadingOwners, withoutTaskCount } from "./heading-owners.js";
import { parseTargets } from "./parse-targets.js";
import { readNoticeHeader } from "./read-notice-header.js";
import { type Draft, problem, type ReadTask, readDraft, type TaskReading } from "./read-task-draft.js";
import type { Problem, Registry, Section, Target, Task } from "./registry.js";
import type { SourceLine } from "./source-line.js";

export type { TaskReading } from "./read-task-draft.js";

export interface ParseOptions {
  /** Overrides the year read from the document (`--year`). */
  year?: number;
  /** Used when the document names no year at all. */
  now: Date;
}

const CHAPTER = /^([一二三四五六七八九十]{1,3})[、.．]\s*(.{1,40})$/;
const SUBHEADING = /^[（(]([一二三四五六七八九十]{1,3})[）)]\s*([^。；]{1,40})/;
const SUB_NUMBERED = /^[（(]([一二三四五六七八九十]{1,3})[）)]\s*(.*)$/;
/** 1、 1. 1． （1） ① — a decimal ("1.5万人") is not a number. */
const TASK = /^(?:(\d{1,3})\s*[、.．](?!\d)|[（(](\d{1,3})[）)]|([\u2460-\u2473]))\s*(.*)$/;
/** A task's parenthetical may wrap onto following lines; this many are joined at most. */
const MAX_CONTINUATION_LINES = 12;
const PAGE_NUMBER = /^[—\-－–]\s*\d{1,4}\s*[—\-－–]$/;
const TARGETS_CHAPTER = /主要(预期)?目标/;

/** Reads a notice (text or .docx lines) into a registry; everything it cannot read goes into `problems`. */
export function parseNotice(lines: readonly SourceLine[], options: ParseOptions): Registry {
  return readNoticeLines(lines, options).registry;
}

/** parseNotice, with how each task was read. */
export function readNoticeLines(
  allLines: readonly SourceLine[],
  options: ParseOptions,
): { registry: Registry; readings: TaskReading[] } {
  // Page numbers left in text copied from a PDF ("— 3 —") would join the task they interrupt.
  const lines = allLines.filter((l) => !PAGE_NUMBER.test(l.text.trim()));
  const header = readNoticeHeader(lines, options.year ?? Number(businessDate(options.now).slice(0, 4)));
  const year = options.year ?? header.year;
  const { titleLines, ...document } = header;
  const problems: Problem[] = [];
  const targets: Target[] = [];
  const drafts: Draft[] = [];
  const texts = lines.map((l) => l.text.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ""));
  const numberedSections = chaptersWithNumberedTasks(texts);
  let chapter: Section | undefined;
  let chapterOwners: HeadingOwners | undefined;
  let chapterIndex = -1;
  let inTargets = false;
  let sub: Draft["sub"];
  let current: Draft | undefined;

  for (let i = 0; i < lines.length; i++) {
    const source = lines[i] as SourceLine;
    const text = texts[i] as string;
    if (text === "" || titleLines.has(i)) continue;
    const heading = CHAPTER.exec(text);
    if (heading && !/[。；]/.test(heading[2] ?? "")) {
      const title = (heading[2] as string).trim();
      chapter = { no: heading[1] as string, title: withoutTaskCount(title) };
      chapterOwners = readHeadingOwners(title);
      chapterIndex = i;
      inTargets = TARGETS_CHAPTER.test(title);
      sub = undefined;
      current = undefined;
      continue;
    }
    const subNumbered = SUB_NUMBERED.exec(text);
    const subTask =
      subNumbered && !numberedSections.has(chapterIndex) && isTaskLike(subNumbered[2] ?? "", texts[i + 1]);
    const subHeading = SUBHEADING.exec(text);
    if (subHeading && !subTask) {
      if (chapter) {
        const title = withoutTaskCount((subHeading[2] as string).trim());
        const owners = readHeadingOwners(title);
        sub = { no: subHeading[1] as string, title, ...(owners ? { owners } : {}) };
        current = undefined;
      }
      continue;
    }
    if (/主要预期目标/.test(text)) {
      const list = text.slice(text.search(/[：:]/) + 1);
      const parsed = parseTargets(list);
      targets.push(...parsed.targets);
      for (const clause of parsed.unread) problems.push(problem(source.line, "unreadTarget", { clause }));
      continue;
    }
    const task = TASK.exec(text);
    if (!task && !subTask) {
      const fields = current ? readFieldLine(text) : undefined;
      if (current && fields) {
        i = takeFields(current, fields, texts, i);
        continue;
      }
      current = undefined;
      if (inTargets) {
        // 主要预期目标 written as one running paragraph under its own heading.
        const parsed = parseTargets(text.slice(text.search(/[：:]/) + 1));
        if (parsed.targets.length >= 2) {
          targets.push(...parsed.targets);
          for (const clause of parsed.unread) problems.push(problem(source.line, "unreadTarget", { clause }));
        }
      }
      continue;
    }
    const numeral = task ? (task[1] ?? task[2] ?? task[3] ?? "") : (subNumbered?.[1] ?? "");
    const body = task ? (task[4] ?? "") : (subNumbered?.[2] ?? "");
    if (inTargets && !findAnnotations(text) && !readFieldLine(texts[i + 1] ?? "")) {
      // Under 主要预期目标, "1.地区生产总值增长6%左右；" is a target, not a task.
      const parsed = parseTargets(body);
      if (parsed.targets.length > 0 && parsed.unread.length === 0) {
        targets.push(...parsed.targets);
        current = undefined;
        continue;
      }
    }
    const shown = task ? (task[1] ?? (task[2] ? `（${task[2]}）` : (task[3] ?? ""))) : `（${numeral}）`;
    const printed = task?.[3] ? (task[3].codePointAt(0) ?? 0) - 0x2460 + 1 : readSmallNumber(numeral);
    const start: SourceLine = { ...source, text };
    const taken = takeBody(lines, texts, i, start);
    i = taken.next;
    current = {
      ...(printed !== undefined ? { printed } : {}),
      shown,
      ...(chapter ? { chapter } : {}),
      ...(sub ? { sub } : {}),
      ...(chapterOwners ? { chapterOwners } : {}),
      source,
      joined: taken.joined,
      offset: text.length - body.length,
      ...(taken.annotations ? { annotations: taken.annotations } : {}),
      fields: [],
    };
    drafts.push(current);
  }

  const read = drafts.map((draft) => readDraft(draft, year, problems));
  const kept = read.filter((r) => r !== undefined);
  const restarts = numberingRestarts(kept);
  const sections: Section[] = [];
  const tasks: Task[] = [];
  const readings: TaskReading[] = [];
  kept.forEach((r, index) => {
    const no = restarts ? index + 1 : (r.printed as number);
    const task: Task = { ...r.task, no };
    if (restarts) task.ref = r.ref;
    const { chapter: section } = r;
    if (section && !sections.some((s) => s.no === section.no)) sections.push(section);
    tasks.push(orderFields(task));
    readings.push({
      no,
      line: task.line,
      rules: { number: restarts ? "renumbered" : "printed", ...r.rules },
    });
  });
  if (!restarts) problems.push(...checkNumbering(tasks));
  if (tasks.length === 0) problems.push(problem(0, "noTasks", {}));
  return { registry: { document: { ...document, year }, targets, sections, tasks, problems }, readings };
}

/**
 * True when each section numbers its tasks from 1 again (二、1… 三、1…, or （一） per section):
 * the printed numbers then repeat, and tasks are numbered 1..N through the notice instead.
 */
function numberingRestarts(tasks: readonly ReadTask[]): boolean {
  if (tasks.some((t) => t.printed === undefined)) return true;
  if (new Set(tasks.map((t) => t.printed)).size === tasks.length) return false;
  const groups = new Map<string, number[]>();
  for (const t of tasks) {
    const numbers = groups.get(t.group) ?? [];
    numbers.push(t.printed as number);
    groups.set(t.group, numbers);
  }
  return [...groups.values()].every(
    (numbers) => numbers[0] === 1 && new Set(numbers).size === numbers.length,
  );
}

/** Chapters (by their line) that number tasks 1、 1. （1） or ①: there （一） is a sub-heading, not a task. */
function chaptersWithNumberedTasks(texts: readonly string[]): Set<number> {
  const found = new Set<number>();
  let chapter = -1;
  texts.forEach((text, i) => {
    const heading = CHAPTER.exec(text);
    if (heading && !/[。；]/.test(heading[2] ?? "")) chapter = i;
    else if (TASK.test(text)) found.add(chapter);
  });
  return found;
}

/** A （一） line is a task when it says something (a full stop, a closing bracket) or fields follow it. */
function isTaskLike(body: string, next: string | undefined): boolean {
  return /[。；]|[）)\]】]$/.test(body) || (next !== undefined && readFieldLine(next) !== undefined);
}

/**
 * The task's sentence: its line, joined with the lines it wraps onto. A closing annotation may sit
 * a few lines down; without one, a sentence that has not ended runs on to the next line.
 */
function takeBody(
  lines: readonly SourceLine[],
  texts: readonly string[],
  i: number,
  start: SourceLine,
): { joined: SourceLine; annotations?: Annotations; next: number } {
  const found = findAnnotations(start.text);
  if (found) return { joined: start, annotations: found, next: i };
  let probe = start;
  for (let k = 1; k <= MAX_CONTINUATION_LINES && i + k < lines.length; k++) {
    const next = texts[i + k] as string;
    if (next === "" || isBoundary(next) || (readFieldLine(next) && !insideBracket(probe.text))) break;
    probe = joinLines(probe, lines[i + k] as SourceLine);
    const annotations = findAnnotations(probe.text);
    if (annotations) return { joined: probe, annotations, next: i + k };
  }
  let joined = start;
  let at = i;
  while (!/[。；;！!]$/.test(joined.text) && at + 1 < lines.length) {
    const next = texts[at + 1] as string;
    if (next === "" || isBoundary(next) || readFieldLine(next)) break;
    joined = joinLines(joined, lines[at + 1] as SourceLine);
    at++;
  }
  return { joined, next: at };
}

function isBoundary(text: string): boolean {
  return TASK.test(text) || CHAPTER.test(text) || SUB_NUMBERED.test(text) || /主要预期目标/.test(text);
}

function insideBracket(text: string): boolean {
  return (text.match(/[（(【[［]/g)?.length ?? 0) > (text.match(/[）)】\]］]/g)?.length ?? 0);
}

/** Takes field lines from line i on (a label alone takes its value from the next line); returns the last line used. */
function takeFields(draft: Draft, first: string[], texts: readonly string[], i: number): number {
  let at = i;
  let clauses: string[] | undefined = first;
  while (clauses) {
    for (const clause of clauses) {
      const next = texts[at + 1];
      if (
        lacksValue(clause) &&
        clauses.at(-1) === clause &&
        next &&
        !readFieldLine(next) &&
        !isBoundary(next)
      ) {
        draft.fields.push(clause + next);
        at++;
      } else draft.fields.push(clause);
    }
    // A list of units that wraps: "责任单位：市文旅局、市统计局、" / "市财政局，各县市区政府".
    for (let next = texts[at + 1]; ; next = texts[at + 1]) {
      const last = draft.fields.at(-1) ?? "";
      if (!next || !/[、，,]$/.test(last) || readFieldLine(next) || isBoundary(next)) break;
      draft.fields[draft.fields.length - 1] = last + next;
      at++;
    }
    let peek = at + 1;
    while (texts[peek] === "" && peek < texts.length) peek++;
    clauses = texts[peek] !== undefined ? readFieldLine(texts[peek] as string) : undefined;
    if (clauses) at = peek;
  }
  return at;
}

/** The registry's field order (no first), whatever order the task was built in. */
function orderFields(task: Task): Task {
  const { no, ref, section, subsection, text, leaders, hostUnits, coUnits, unitGroups, indicators } = task;
  return {
    no,
    ...(ref !== undefined ? { ref } : {}),
    section,
    ...(subsection !== undefined ? { subsection } : {}),
    text,
    leaders,
    hostUnits,
    coUnits,
    unitGroups,
    indicators,
    deadline: task.deadline,
    ...(task.deadlineText !== undefined ? { deadlineText: task.deadlineText } : {}),
    line: task.line,
  };
}

function joinLines(a: SourceLine, b: SourceLine): SourceLine {
  const text = a.text + b.text.trim();
  if (!a.bold && !b.bold) return { ...a, text };
  const lead = b.text.length - b.text.trimStart().length;
  const bold = [...(a.bold ?? Array(a.text.length).fill(false)), ...(b.bold ?? []).slice(lead)];
  return { ...a, text, bold };
}

/** Task numbers should run 1, 2, 3…: a gap or a repeat usually means a line was not recognised. */
function checkNumbering(tasks: readonly Task[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<number, Task>();
  tasks.forEach((task, i) => {
    const previous = tasks[i - 1];
    if (seen.has(task.no)) problems.push(problem(task.line, "duplicateNo", { no: task.no }));
    else if (previous && task.no !== previous.no + 1 && task.no > previous.no) {
      problems.push(problem(task.line, "numberGap", { from: previous.no, to: task.no }));
    }
    seen.set(task.no, task);
  });
  return problems;
}
