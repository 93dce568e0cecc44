import { LABELS, startsWithKnownLabel } from "./parse-parenthetical.js";
import type { Span } from "./source-line.js";

/** The annotations closing a task's sentence, and the sentence without them. */
export interface Annotations {
  sentence: string;
  /** Labelled contents (牵头领导：…；责任单位：…), in the order written. */
  labelled: Span[];
  /** Contents written as a phrase: "区发改局牵头，区统计局配合". */
  phrases: Span[];
}

const PAIRS: Record<string, string> = { "）": "（", ")": "(", "]": "[", "】": "【", "］": "［" };
const OPENERS = new Set(Object.values(PAIRS));

/**
 * Peels annotations off the end of a task: （…）, […] or 【…】 whose content starts with a known
 * label or reads as "A牵头，B配合"; several may follow each other ("…。【牵头领导：…】[牵头单位：…]").
 * Nested brackets stay in a name ("领导小组（指挥部）"). Undefined when there is none.
 */
export function findAnnotations(text: string): Annotations | undefined {
  const labelled: Span[] = [];
  const phrases: Span[] = [];
  let rest = text;
  for (;;) {
    const trimmed = rest.replace(/[\s\u3000。；;]+$/, "");
    const close = trimmed[trimmed.length - 1] ?? "";
    if (!(close in PAIRS)) break;
    const open = openerOf(trimmed);
    if (open === undefined) break;
    const content = { text: trimmed.slice(open + 1, trimmed.length - 1), start: open + 1 };
    if (startsWithKnownLabel(content.text)) labelled.unshift(content);
    else if (isLeadPhrase(content.text)) phrases.unshift(content);
    else break;
    rest = trimmed.slice(0, open);
  }
  if (labelled.length + phrases.length === 0) return inlineFields(text) ?? leadSentence(text);
  return { sentence: rest.trim(), labelled, phrases };
}

const LABEL_WORDS = Object.keys(LABELS).sort((a, b) => b.length - a.length);
/** A known label after a full stop (or a space): where fields written inline begin. */
const INLINE_LABEL = new RegExp(`[。；;\\s\u3000](${LABEL_WORDS.join("|")})\\s*[：:]`);

/** Fields written on the task's own line without brackets: "…全覆盖。牵头单位：区教育局；责任单位：各镇街。" */
function inlineFields(text: string): Annotations | undefined {
  const match = INLINE_LABEL.exec(text);
  if (!match) return undefined;
  const start = match.index + 1;
  // A label inside an open bracket belongs to a note that wraps onto the next line.
  const before = text.slice(0, start);
  const opened = (before.match(/[（(【[［]/g)?.length ?? 0) - (before.match(/[）)】\]］]/g)?.length ?? 0);
  if (opened > 0) return undefined;
  const content = text.slice(start).replace(/[\s\u3000。；;]+$/, "");
  return { sentence: text.slice(0, start).trim(), labelled: [{ text: content, start }], phrases: [] };
}

/**
 * A last sentence that only says who leads, without brackets: "…达到40%。由县生态环境分局牵头，
 * 各乡镇配合。" It must follow a full stop, so a task's own words are never taken for it.
 */
function leadSentence(text: string): Annotations | undefined {
  const trimmed = text.replace(/[\s\u3000。；;]+$/, "");
  const stop = Math.max(trimmed.lastIndexOf("。"), trimmed.lastIndexOf("；"));
  if (stop <= 0) return undefined;
  const content = { text: trimmed.slice(stop + 1), start: stop + 1 };
  if (!/^由|牵头/.test(content.text) || !isLeadPhrase(content.text)) return undefined;
  return { sentence: trimmed.slice(0, stop + 1), labelled: [], phrases: [content] };
}

/** Index of the bracket that opens the one closing `text`, counting nested pairs of any kind. */
function openerOf(text: string): number | undefined {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i] as string;
    if (ch in PAIRS) depth++;
    else if (OPENERS.has(ch)) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return undefined;
}

const LEAD = /^(?:由)?(.+?)(?:牵头负责|牵头|负责|主办)$/;
const CO = /^(.+?)(?:配合|协助|协办|参与|共同推进|按职责分工负责)$/;

/** Clauses of "A牵头，B配合": the lead and co-unit lists with their positions, or undefined. */
export function readLeadPhrase(content: Span): { lead: Span[]; co: Span[] } | undefined {
  const lead: Span[] = [];
  const co: Span[] = [];
  let from = 0;
  for (const piece of content.text.split(/[，,；;]/)) {
    const start = content.start + content.text.indexOf(piece, from);
    from = start - content.start + piece.length;
    const clause = piece.trim();
    if (clause === "") continue;
    const offset = start + piece.indexOf(clause);
    const isLead = LEAD.exec(clause);
    const isCo = isLead ? undefined : CO.exec(clause);
    const match = isLead ?? isCo;
    if (!match) return undefined;
    const list = match[1] as string;
    (isLead ? lead : co).push({ text: list, start: offset + clause.indexOf(list) });
  }
  return lead.length > 0 ? { lead, co } : undefined;
}

function isLeadPhrase(text: string): boolean {
  return readLeadPhrase({ text, start: 0 }) !== undefined;
}
