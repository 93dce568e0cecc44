import type { RegistryDocument } from "./registry.js";
import type { SourceLine } from "./source-line.js";

const DOC_NO = /^[^\s，。]{1,12}[〔[［(（]\d{4}[〕\]］)）]\s*\d+\s*号$/;
const DATE_LINE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const TITLE_END = /(通知|意见|方案|决定|通报|计划|函|清单|分解表)$/;

/**
 * The document's identity: 文号, issuing authority, title (joined across its lines), date of issue
 * (the standalone date line under the signature), and the year the tasks are for.
 */
export function readNoticeHeader(
  lines: readonly SourceLine[],
  fallbackYear: number,
): RegistryDocument & { titleLines: Set<number> } {
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
  for (const text of texts) {
    const m = DATE_LINE.exec(text.replace(/\s+/g, ""));
    if (m) issuedOn = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
  }
  const titleYear = /(\d{4})\s*年/.exec(title)?.[1];
  const year = titleYear ? Number(titleYear) : issuedOn ? Number(issuedOn.slice(0, 4)) : fallbackYear;
  return { title, docNo: docNo.replace(/\s/g, ""), issuer, issuedOn, year, titleLines };
}

function pad(n: string | undefined): string {
  return (n ?? "").padStart(2, "0");
}
