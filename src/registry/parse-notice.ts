import { businessDate } from "../shared/clock.js";
import { message } from "../templates/template-store.js";
import { extractIndicators } from "./extract-indicators.js";
import { findParenthetical } from "./find-parenthetical.js";
import { findDeadlineInText, parseDeadline, yearEnd } from "./parse-deadline.js";
import { parseParenthetical } from "./parse-parenthetical.js";
import { parseTargets } from "./parse-targets.js";
import { readNoticeHeader } from "./read-notice-header.js";
import type { Problem, Registry, Section, Target, Task } from "./registry.js";
import type { SourceLine } from "./source-line.js";

export interface ParseOptions {
  /** Overrides the year read from the document (`--year`). */
  year?: number;
  /** Used when the document names no year at all. */
  now: Date;
}

const CHAPTER = /^([一二三四五六七八九十]{1,3})[、.．]\s*(.{1,40})$/;
const SUBHEADING = /^[（(]([一二三四五六七八九十]{1,3})[）)]\s*([^。；]{1,40})/;
const TASK = /^(\d{1,3})\s*[、.．](?!\d)\s*(.*)$/;
/** A task's parenthetical may wrap onto following lines; this many are joined at most. */
const MAX_CONTINUATION_LINES = 6;

/** Reads a notice (text or .docx lines) into a registry; everything it cannot read goes into `problems`. */
export function parseNotice(lines: readonly SourceLine[], options: ParseOptions): Registry {
  const header = readNoticeHeader(lines, options.year ?? Number(businessDate(options.now).slice(0, 4)));
  const year = options.year ?? header.year;
  const { titleLines, ...document } = header;
  const problems: Problem[] = [];
  const sections: Section[] = [];
  const tasks: Task[] = [];
  const targets: Target[] = [];
  let chapter: Section | undefined;
  let subsection: string | undefined;

  for (let i = 0; i < lines.length; i++) {
    const source = lines[i] as SourceLine;
    const text = source.text.replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
    if (text === "" || titleLines.has(i)) continue;
    const heading = CHAPTER.exec(text);
    if (heading && !/[。；]/.test(heading[2] ?? "")) {
      chapter = { no: heading[1] as string, title: (heading[2] as string).trim() };
      subsection = undefined;
      continue;
    }
    const sub = SUBHEADING.exec(text);
    if (sub && chapter) {
      subsection = (sub[2] as string).trim();
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
    if (!task) continue;

    // Join wrapped lines until the parenthetical closes.
    let joined: SourceLine = { ...source, text };
    let found = findParenthetical(joined.text);
    for (let k = 1; !found && k <= MAX_CONTINUATION_LINES && i + k < lines.length; k++) {
      const next = lines[i + k] as SourceLine;
      const nextText = next.text.trim();
      if (nextText === "" || TASK.test(nextText) || CHAPTER.test(nextText)) break;
      joined = joinLines(joined, next);
      found = findParenthetical(joined.text);
      if (found) i += k;
    }
    const no = Number(task[1]);
    const offset = joined.text.length - (task[2] ?? "").length;
    if (!found) {
      problems.push(problem(source.line, "noParenthetical", { no }));
      continue;
    }
    const content = { text: found.content.text, start: found.content.start };
    const parts = parseParenthetical(joined, content);
    for (const label of parts.unknown) problems.push(problem(source.line, "unknownLabel", { no, label }));
    const sentence = found.sentence.slice(offset).trim();
    let deadline = yearEnd(year);
    let deadlineText: string | undefined;
    if (parts.deadlineText) {
      const date = parseDeadline(parts.deadlineText, year);
      if (date) [deadline, deadlineText] = [date, parts.deadlineText];
      else problems.push(problem(source.line, "unreadDeadline", { no, text: parts.deadlineText }));
    } else {
      const inText = findDeadlineInText(sentence, year);
      if (inText) [deadline, deadlineText] = [inText.date, inText.text];
    }
    if (!chapter) problems.push(problem(source.line, "noSection", { no }));
    if (parts.leaders.length === 0) problems.push(problem(source.line, "noLeaders", { no }));
    if (parts.hostUnits.length + parts.coUnits.length + parts.unitGroups.length === 0) {
      problems.push(problem(source.line, "noUnits", { no }));
    }
    if (chapter && !sections.some((s) => s.no === chapter?.no)) sections.push(chapter);
    tasks.push({
      no,
      section: chapter?.title ?? "",
      ...(subsection ? { subsection } : {}),
      text: sentence,
      leaders: parts.leaders,
      hostUnits: parts.hostUnits,
      coUnits: parts.coUnits,
      unitGroups: parts.unitGroups,
      indicators: extractIndicators(sentence),
      deadline,
      ...(deadlineText ? { deadlineText } : {}),
      line: source.line,
    });
  }
  problems.push(...checkNumbering(tasks));
  if (tasks.length === 0) problems.push(problem(0, "noTasks", {}));
  return { document: { ...document, year }, targets, sections, tasks, problems };
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

function problem(line: number, key: string, view: Record<string, unknown>): Problem {
  return { line, message: message("import/problems", key, view) };
}
