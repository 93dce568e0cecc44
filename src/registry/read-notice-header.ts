import { readSmallNumber } from "./chinese-numerals.js";
import {
  isPlausibleYear,
  mostFrequentYear,
  type YearFinding,
  yearInDocNo,
  yearInWords,
} from "./notice-year.js";
import type { RegistryDocument } from "./registry.js";
import type { SourceLine } from "./source-line.js";

const DOC_NO = /^[^\s，。]{1,12}[〔[［(（]\d{4}[〕\]］)）]\s*\d+\s*号$/;
const DATE_LINE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
/** A signature date written in Chinese numerals: 二〇二三年三月一日. */
const CHINESE_DATE_LINE =
  /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$/;
const TITLE_END = /(通知|意见|方案|决定|通报|计划|函|清单|分解表)$/;

interface NoticeHead extends Omit<RegistryDocument, "year"> {
  titleLines: Set<number>;
  /** The signature's date as written, for the summary to quote. */
  issuedText: string;
  /** Index of the first line after the head (the first chapter heading, or line 15). */
  headEnd: number;
}

/**
 * The document's identity: 文号, issuing authority, title (joined across its lines), date of issue
 * (the standalone date line under the signature), and the year the tasks are for — `fallbackYear`
 * only when the document names none (the importer refuses such a notice without `--year`).
 */
export function readNoticeHeader(
  lines: readonly SourceLine[],
  fallbackYear: number,
): RegistryDocument & { titleLines: Set<number> } {
  const head = readHead(lines);
  const { title, docNo, issuer, issuedOn, titleLines } = head;
  return { title, docNo, issuer, issuedOn, titleLines, year: yearOf(head, lines)?.year ?? fallbackYear };
}

/**
 * Where the notice names its year, in order of trust: the title ("关于2023年…"), the document number
 * (〔2023〕5号), the date of issue, then the body (the most frequent "2023年" in the task text).
 */
export function findNoticeYear(
  lines: readonly SourceLine[],
  options: { body?: boolean } = {},
): YearFinding | undefined {
  return yearOf(readHead(lines), lines, options.body ?? true);
}

function yearOf(head: NoticeHead, lines: readonly SourceLine[], body = true): YearFinding | undefined {
  const inTitle = yearInWords(head.title);
  if (inTitle !== undefined) return { year: inTitle, source: "title", evidence: head.title };
  const inDocNo = yearInDocNo(head.docNo);
  if (inDocNo !== undefined) return { year: inDocNo, source: "docNo", evidence: head.docNo };
  const issued = Number(head.issuedOn.slice(0, 4));
  if (isPlausibleYear(issued)) return { year: issued, source: "issuedOn", evidence: head.issuedText };
  if (!body) return undefined;
  const texts = lines.map((l) => l.text);
  const inBody =
    mostFrequentYear(texts.slice(head.headEnd)) ??
    mostFrequentYear(texts.slice(0, head.headEnd).filter((_, i) => !head.titleLines.has(i)));
  if (inBody) return { year: inBody.year, source: "body", evidence: "", count: inBody.count };
  return undefined;
}

function readHead(lines: readonly SourceLine[]): NoticeHead {
  const texts = lines.map((l) => l.text.replace(/[\u3000]/g, " ").trim());
  const firstHeading = texts.findIndex((t) => /^[一二三四五六七八九十]{1,3}[、.．]/.test(t));
  const headEnd = firstHeading === -1 ? Math.min(texts.length, 15) : firstHeading;
  const head = texts.slice(0, headEnd);

  const docNo = head.find((t) => DOC_NO.test(t.replace(/\s/g, ""))) ?? "";
  const titleStart = head.findIndex((t) => /^关于/.test(t));
  const titleLines = new Set<number>();
  let title = "";
  if (titleStart !== -1) {
    for (let i = titleStart; i < head.length && i < titleStart + 4; i++) {
      title += head[i];
      titleLines.add(i);
      if (TITLE_END.test(head[i] ?? "")) break;
    }
  }
  const beforeTitle = head.slice(0, titleStart === -1 ? head.length : titleStart);
  const issuer =
    beforeTitle.find((t) => t !== "" && t !== docNo && /(政府|办公室|委员会|办公厅|局|委|办)$/.test(t)) ?? "";

  // The date of issue is the last standalone date line (the signature's), not the 印发 line.
  let issuedOn = "";
  let issuedText = "";
  for (const text of texts) {
    const date = readDateLine(text.replace(/\s+/g, ""));
    if (date) [issuedOn, issuedText] = [date, text.replace(/\s+/g, "")];
  }
  return { title, docNo: docNo.replace(/\s/g, ""), issuer, issuedOn, titleLines, issuedText, headEnd };
}

/** "2021年1月20日" or "二〇二一年一月二十日" → "2021-01-20". */
function readDateLine(text: string): string | undefined {
  const m = DATE_LINE.exec(text);
  if (m) return `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
  const c = CHINESE_DATE_LINE.exec(text);
  if (!c) return undefined;
  const year = [...(c[1] ?? "")].map((d) => readSmallNumber(d) ?? 0).join("");
  const month = readSmallNumber(c[2] ?? "");
  const day = readSmallNumber(c[3] ?? "");
  if (month === undefined || day === undefined || month > 12 || day > 31) return undefined;
  return `${year}-${pad(String(month))}-${pad(String(day))}`;
}

function pad(n: string | undefined): string {
  return (n ?? "").padStart(2, "0");
}
