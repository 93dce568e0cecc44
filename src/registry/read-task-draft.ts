import { message } from "../templates/template-store.js";
import { extractIndicators } from "./extract-indicators.js";
import { type Annotations, readLeadPhrase } from "./find-annotations.js";
import type { HeadingOwners } from "./heading-owners.js";
import { findDeadlineInText, findFirstDeadline, parseDeadline, yearEnd } from "./parse-deadline.js";
import {
  assignUnits,
  emptyClauses,
  type HostRule,
  type LabelledClauses,
  readLabelledClauses,
  unitSpans,
} from "./parse-parenthetical.js";
import type { Problem, Section, Task } from "./registry.js";
import type { SourceLine } from "./source-line.js";

/**
 * One numbered task of a notice as the grammar gathered it (its lines, bracket notes, labelled field
 * lines, the headings above it), and how it is read into a registry task, field by field, with the
 * rule that gave each field. parse-notice.ts finds and gathers the drafts; this reads each one.
 */
export interface Draft {
  printed?: number;
  /** The number as printed: "1", "（1）", "①", "（一）". */
  shown: string;
  chapter?: Section;
  sub?: { no: string; title: string; owners?: HeadingOwners };
  chapterOwners?: HeadingOwners;
  source: SourceLine;
  joined: SourceLine;
  /** Where the sentence starts in `joined` (after the number). */
  offset: number;
  annotations?: Annotations;
  fields: string[];
}

/**
 * How one task was read, rule by rule, for `--explain` and the summary (not part of the registry,
 * so a registry stays the same whatever the grammar learns).
 */
export interface TaskReading {
  no: number;
  line: number;
  rules: {
    /** "printed": the notice's own number; "renumbered": numbering restarts per section, so tasks run 1..N. */
    number: "printed" | "renumbered";
    /** Where the fields came from: a closing bracket, labelled lines under the task, the heading. */
    leaders?: "annotation" | "fieldLines" | "heading";
    /** How hosts were told apart; "heading" when a heading named them, "phrase" for "A牵头，B配合". */
    hosts?: HostRule | "heading" | "phrase";
    deadline: "label" | "labelFirstMilestone" | "inText" | "yearEnd";
  };
}

export interface ReadTask {
  task: Omit<Task, "no">;
  printed?: number;
  ref: string;
  /** The chapter and sub-heading the task is numbered within. */
  group: string;
  chapter?: Section;
  rules: Omit<TaskReading["rules"], "number">;
}

export function readDraft(draft: Draft, year: number, problems: Problem[]): ReadTask | undefined {
  const { source, joined, annotations } = draft;
  const { offset } = draft;
  const no = draft.printed ?? draft.shown;
  // A sub-heading's owners come first; what it leaves out, the chapter's heading gives.
  const owners = mergeOwners(draft.sub?.owners, draft.chapterOwners);
  if (!annotations && draft.fields.length === 0 && !owners) {
    problems.push(problem(source.line, "noParenthetical", { no }));
    return undefined;
  }
  const clauses: LabelledClauses = emptyClauses();
  for (const content of annotations?.labelled ?? []) readLabelledClauses(joined, content, clauses);
  let phrase = false;
  for (const content of annotations?.phrases ?? []) {
    const read = readLeadPhrase(content);
    if (!read) continue;
    phrase = true;
    for (const list of read.lead) clauses.lead.push(...unitSpans(joined, list));
    for (const list of read.co) clauses.co.push(...unitSpans(joined, list));
  }
  const fromAnnotation = clauses.leaders.length > 0;
  if (draft.fields.length > 0) {
    const text = draft.fields.join("；");
    readLabelledClauses({ text, line: source.line }, { text, start: 0 }, clauses);
  }
  let leadersFrom: TaskReading["rules"]["leaders"] =
    clauses.leaders.length === 0 ? undefined : fromAnnotation ? "annotation" : "fieldLines";
  if (clauses.leaders.length === 0 && owners && owners.leaders.length > 0) {
    clauses.leaders.push(...owners.leaders);
    leadersFrom = "heading";
  }
  const byHeading = clauses.lead.length === 0 && owners !== undefined && owners.hostUnits.length > 0;
  if (byHeading)
    clauses.lead.push(...(owners?.hostUnits ?? []).map((text) => ({ text, start: -1, bold: false })));
  for (const label of clauses.unknown) problems.push(problem(source.line, "unknownLabel", { no, label }));
  const units = assignUnits(clauses);
  const sentence = annotations ? annotations.sentence.slice(offset).trim() : joined.text.slice(offset).trim();

  let deadline = yearEnd(year);
  let deadlineText: string | undefined;
  let deadlineRule: TaskReading["rules"]["deadline"] = "yearEnd";
  if (clauses.deadlineText) {
    const date = parseDeadline(clauses.deadlineText, year);
    const first = date ? undefined : findFirstDeadline(clauses.deadlineText, year);
    if (date) [deadline, deadlineText, deadlineRule] = [date, clauses.deadlineText, "label"];
    else if (first)
      [deadline, deadlineText, deadlineRule] = [first, clauses.deadlineText, "labelFirstMilestone"];
    else problems.push(problem(source.line, "unreadDeadline", { no, text: clauses.deadlineText }));
  } else {
    const inText = findDeadlineInText(sentence, year);
    if (inText) [deadline, deadlineText, deadlineRule] = [inText.date, inText.text, "inText"];
  }
  if (!draft.chapter) problems.push(problem(source.line, "noSection", { no }));
  if (clauses.leaders.length === 0) problems.push(problem(source.line, "noLeaders", { no }));
  if (units.hostUnits.length + units.coUnits.length + units.unitGroups.length === 0) {
    problems.push(problem(source.line, "noUnits", { no }));
  }
  const shown = /^[（(\u2460-\u2473]/.test(draft.shown) ? draft.shown : `.${draft.shown}`;
  const ref = `${draft.chapter?.no ?? ""}${draft.sub ? `（${draft.sub.no}）` : ""}${shown}`.replace(
    /^\./,
    "",
  );
  return {
    task: {
      section: draft.chapter?.title ?? "",
      ...(draft.sub ? { subsection: draft.sub.title } : {}),
      text: sentence,
      leaders: [...new Set(clauses.leaders)],
      hostUnits: units.hostUnits,
      coUnits: units.coUnits,
      unitGroups: units.unitGroups,
      indicators: extractIndicators(sentence),
      deadline,
      ...(deadlineText ? { deadlineText } : {}),
      line: source.line,
    },
    ...(draft.printed !== undefined ? { printed: draft.printed } : {}),
    ref,
    group: `${draft.chapter?.no ?? ""}/${draft.sub?.no ?? ""}`,
    ...(draft.chapter ? { chapter: draft.chapter } : {}),
    rules: {
      ...(leadersFrom ? { leaders: leadersFrom } : {}),
      ...(byHeading
        ? { hosts: "heading" as const }
        : phrase
          ? { hosts: "phrase" as const }
          : units.hostRule
            ? { hosts: units.hostRule }
            : {}),
      deadline: deadlineRule,
    },
  };
}

function mergeOwners(inner?: HeadingOwners, outer?: HeadingOwners): HeadingOwners | undefined {
  if (!inner || !outer) return inner ?? outer;
  return {
    leaders: inner.leaders.length > 0 ? inner.leaders : outer.leaders,
    hostUnits: inner.hostUnits.length > 0 ? inner.hostUnits : outer.hostUnits,
  };
}

export function problem(line: number, key: string, view: Record<string, unknown>): Problem {
  return { line, message: message("import/problems", key, view) };
}
