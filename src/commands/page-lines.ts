import { messages } from "../templates/template-store.js";

const m = messages("commands");
const encoder = new TextEncoder();

/** One page of a long answer, ready to send. */
export type Page =
  | { ok: true; text: string; page: number; pages: number }
  /** The page asked for does not exist; `text` says how many there are. */
  | { ok: false; text: string; pages: number };

export interface PageOptions {
  /** 1 for the first page. */
  page: number;
  /** What one message may hold (the channel's `limits.textBytes`). */
  textBytes: number;
  /** The answer's first line(s): a title with the count, shown on every page. */
  header: string;
  /** The command that shows page `n` ("/overdue 区财政局 2"), named in the footer. */
  commandFor(page: number): string;
}

/**
 * A long list cut into pages that each fit one message: the header, as many whole lines as fit,
 * and a footer that names the page and the command for the next one. The cut depends only on the
 * lines and the limit, so `/overdue 2` shows what followed page 1. A line that alone would not fit
 * is shortened with "…". Lines is never empty: callers answer "nothing found" themselves.
 */
export function pageLines(lines: readonly string[], options: PageOptions): Page {
  const pages = cutPages(lines, options);
  const pageCount = pages.length;
  const index = options.page - 1;
  const chosen = pages[index];
  if (!Number.isInteger(options.page) || chosen === undefined)
    return {
      ok: false,
      text: m("pageOutOfRange", { page: options.page, pages: pageCount }),
      pages: pageCount,
    };
  const footer = footerFor(options.page, pageCount, options);
  return {
    ok: true,
    text: [options.header, ...chosen, ...(footer ? [footer] : [])].join("\n"),
    page: options.page,
    pages: pageCount,
  };
}

function cutPages(lines: readonly string[], options: PageOptions): string[][] {
  // Room for the header and the longest footer any page can have (its numbers at their widest).
  const widest = Math.max(lines.length, 2);
  const reserved =
    bytes(options.header) +
    1 +
    bytes(m("pageMore", { page: widest, pages: widest, next: options.commandFor(widest) })) +
    1;
  const room = Math.max(64, options.textBytes - reserved);
  const pages: string[][] = [];
  let current: string[] = [];
  let used = 0;
  for (const raw of lines) {
    const line = shortenToFit(raw, room);
    const size = bytes(line) + 1;
    if (current.length > 0 && used + size > room) {
      pages.push(current);
      current = [];
      used = 0;
    }
    current.push(line);
    used += size;
  }
  if (current.length > 0 || pages.length === 0) pages.push(current);
  return pages;
}

function footerFor(page: number, pages: number, options: PageOptions): string | undefined {
  if (pages <= 1) return undefined;
  if (page < pages) return m("pageMore", { page, pages, next: options.commandFor(page + 1) });
  return m("pageLast", { page, pages });
}

/** The line, or as much of it as fits in `room` bytes followed by "…". */
function shortenToFit(line: string, room: number): string {
  if (bytes(line) < room) return line;
  const chars = [...line];
  while (chars.length > 0 && bytes(`${chars.join("")}…`) >= room) chars.pop();
  return `${chars.join("")}…`;
}

function bytes(text: string): number {
  return encoder.encode(text).length;
}

/** A page number as typed after a command ("2", "第2页", "p2"); undefined for any other word. */
export function readPageNumber(word: string | undefined): number | undefined {
  const match = /^(?:第|p|P)?\s*(\d{1,4})\s*页?$/.exec(word?.normalize("NFKC").trim() ?? "");
  const page = match ? Number(match[1]) : Number.NaN;
  return Number.isInteger(page) && page > 0 ? page : undefined;
}

/**
 * A command's optional filter word and page: `/overdue 2` is page 2 of everything, `/overdue 区财政局 2`
 * page 2 of one unit's. The filter param takes the first word by position, so a lone page number
 * lands there and is moved.
 */
export function filterAndPage(
  filter: string | undefined,
  page: string | undefined,
): { filter?: string; page: number } | undefined {
  if (page !== undefined) {
    const n = readPageNumber(page);
    return n === undefined ? undefined : { ...(filter !== undefined ? { filter } : {}), page: n };
  }
  const asPage = readPageNumber(filter);
  if (asPage !== undefined) return { page: asPage };
  return { ...(filter !== undefined ? { filter } : {}), page: 1 };
}
